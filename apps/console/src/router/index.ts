import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { runtimeConfig } from '@/config/runtime';
import { translate } from '@/locales';
import { useAppStore } from '@/stores/app';
import { useAuthStore } from '@/stores/auth';
import { can } from '@/utils/access';
import { appRoutes, routes } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

/** Every rule a route's record or its parents carry applies (system → users). */
function allowedFor(to: RouteLocationNormalized, role: ReturnType<typeof useAuthStore>['role']): boolean {
  return to.matched.every((record) => can(role, record.meta.access));
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (to.meta.public) {
    if (to.name === 'login' && auth.isAuthenticated()) return { name: 'dashboard' };
    return true;
  }
  if (!auth.isAuthenticated() && !(await auth.refresh())) {
    auth.clear();
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (!auth.verified) {
    // The role may have changed since the token was saved; the menu must follow the server.
    try {
      await auth.refreshUser();
    } catch {
      if (!auth.isAuthenticated()) return { name: 'login', query: { redirect: to.fullPath } };
    }
  }
  if (!allowedFor(to, auth.role)) return { name: 'forbidden' };
  return true;
});

router.afterEach((to) => {
  const title = to.meta.titleKey ? translate(to.meta.titleKey) : '';
  document.title = title ? `${title} - ${runtimeConfig().appTitle}` : runtimeConfig().appTitle;
  if (to.meta.public || to.name === 'not-found') return;
  const app = useAppStore();
  // The pages that cannot be closed are always the first tabs, whatever page was opened first.
  for (const record of appRoutes) {
    if (record.meta?.affix && record.meta.titleKey && typeof record.name === 'string') {
      app.visit({ name: record.name, fullPath: `/${record.path}`, titleKey: record.meta.titleKey, affix: true });
    }
  }
  if (to.meta.titleKey) {
    app.visit({ name: String(to.name), fullPath: to.fullPath, titleKey: to.meta.titleKey, affix: Boolean(to.meta.affix) });
  }
});

/** After a session ends: back to sign-in, then to the page the person was on. */
export function redirectToLogin(): void {
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  useAuthStore().clear();
  useAppStore().resetTabs();
  void router.replace({ name: 'login', query: current.fullPath && current.fullPath !== '/' ? { redirect: current.fullPath } : {} });
}
