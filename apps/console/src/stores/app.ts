import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

const COLLAPSED_KEY = 'dangjian.sidebarCollapsed';

export interface VisitedTab {
  /** Route name: one tab per page, whatever its query. */
  name: string;
  fullPath: string;
  titleKey: string;
  /** The dashboard cannot be closed: there is always somewhere to go back to. */
  affix: boolean;
}

export const useAppStore = defineStore('app', () => {
  const sidebarCollapsed = ref(localStorage.getItem(COLLAPSED_KEY) === '1');
  watch(sidebarCollapsed, (value) => localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0'));

  const tabs = ref<VisitedTab[]>([]);

  function toggleSidebar(): void {
    sidebarCollapsed.value = !sidebarCollapsed.value;
  }

  function visit(tab: VisitedTab): void {
    const existing = tabs.value.find((item) => item.name === tab.name);
    if (existing) {
      existing.fullPath = tab.fullPath;
      return;
    }
    if (tab.affix) tabs.value.unshift(tab);
    else tabs.value.push(tab);
  }

  /** Closes a tab; gives the tab to show instead when the closed one was active. */
  function close(name: string): VisitedTab | undefined {
    const index = tabs.value.findIndex((item) => item.name === name);
    if (index < 0 || tabs.value[index].affix) return undefined;
    tabs.value.splice(index, 1);
    return tabs.value[index] ?? tabs.value[index - 1];
  }

  function closeOthers(name: string): void {
    tabs.value = tabs.value.filter((item) => item.affix || item.name === name);
  }

  function closeAll(): void {
    tabs.value = tabs.value.filter((item) => item.affix);
  }

  function resetTabs(): void {
    tabs.value = [];
  }

  return { sidebarCollapsed, tabs, toggleSidebar, visit, close, closeOthers, closeAll, resetTabs };
});
