import type { InjectionKey } from 'vue';

/** Remounts the current page (the tab menu's "刷新当前页"). */
export const RELOAD_PAGE: InjectionKey<() => void> = Symbol('reload-page');
