import type { Directive } from 'vue';

/**
 * `v-row-testid="'member-row'"` on an ElTable: gives every body row a data-testid, which the table
 * itself cannot, so end-to-end tests find rows without relying on Element Plus class names.
 */
const observers = new WeakMap<HTMLElement, MutationObserver>();

function tag(el: HTMLElement, value: string): void {
  el.querySelectorAll<HTMLTableRowElement>('.el-table__body tr.el-table__row').forEach((row) => {
    if (row.dataset.testid !== value) row.dataset.testid = value;
  });
}

export const vRowTestid: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    tag(el, binding.value);
    const observer = new MutationObserver(() => tag(el, binding.value));
    observer.observe(el, { childList: true, subtree: true });
    observers.set(el, observer);
  },
  beforeUnmount(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
  },
};
