import { Document, Key, Odometer, OfficeBuilding, Refresh, Setting, Switch, User, UserFilled } from '@element-plus/icons-vue';
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { AccessRequirement } from '@/utils/access';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu, breadcrumb, tab, document title). */
    titleKey?: string;
    icon?: Component;
    /** Who may open the page; everyone signed in when absent. */
    access?: AccessRequirement;
    /** Reachable without signing in. */
    public?: boolean;
    hideInMenu?: boolean;
    /** A tab that cannot be closed. */
    affix?: boolean;
    order?: number;
  }
}

const BasicLayout = () => import('@/layouts/BasicLayout.vue');

/** The frame's own pages; feature areas add theirs as modules in ./modules (one file per area). */
const baseRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: { titleKey: 'menu.dashboard', icon: Odometer, affix: true, order: 1 },
  },
  {
    path: 'organizations',
    name: 'organizations',
    component: () => import('@/views/organizations/index.vue'),
    meta: { titleKey: 'menu.organizations', icon: OfficeBuilding, order: 2 },
  },
  {
    path: 'members',
    name: 'members',
    component: () => import('@/views/members/index.vue'),
    meta: { titleKey: 'menu.members', icon: User, order: 3 },
  },
  {
    path: 'members/:id',
    name: 'member-detail',
    component: () => import('@/views/members/detail.vue'),
    meta: { titleKey: 'members.detail.title', hideInMenu: true },
  },
  {
    path: 'transfers',
    name: 'transfers',
    component: () => import('@/views/transfers/index.vue'),
    meta: { titleKey: 'menu.transfers', icon: Switch, access: 'VIEW_TRANSFERS', order: 4 },
  },
  {
    path: 'transfers/:id/letter',
    name: 'transfer-letter',
    component: () => import('@/views/transfers/letter.vue'),
    meta: { titleKey: 'transfers.letter.title', access: 'VIEW_TRANSFERS', hideInMenu: true },
  },
  {
    path: 'sync',
    name: 'sync',
    component: () => import('@/views/sync/index.vue'),
    meta: { titleKey: 'menu.sync', icon: Refresh, access: 'READ_SYNC', order: 5 },
  },
  {
    path: 'system',
    name: 'system',
    redirect: { name: 'users' },
    meta: { titleKey: 'menu.system', icon: Setting, order: 9 },
    children: [
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/system/users/index.vue'),
        meta: { titleKey: 'menu.users', icon: UserFilled, access: 'MANAGE_USERS', order: 1 },
      },
      {
        path: 'api-keys',
        name: 'api-keys',
        component: () => import('@/views/system/api-keys/index.vue'),
        meta: { titleKey: 'menu.apiKeys', icon: Key, access: 'MANAGE_API_KEYS', order: 2 },
      },
      {
        path: 'audit-logs',
        name: 'audit-logs',
        component: () => import('@/views/system/audit-logs/index.vue'),
        meta: { titleKey: 'menu.auditLogs', icon: Document, access: 'READ_AUDIT_LOG', order: 3 },
      },
    ],
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/Forbidden.vue'),
    meta: { titleKey: 'menu.forbidden', hideInMenu: true },
  },
];

const featureModules = import.meta.glob<{ default: RouteRecordRaw[] }>('./modules/*.ts', { eager: true });

const moduleRoutes = Object.values(featureModules).flatMap((m) => m.default);

/** The pages inside the frame; the side menu is built from these (ordered by meta.order). */
export const appRoutes: RouteRecordRaw[] = [...baseRoutes, ...moduleRoutes.filter((route) => !route.meta?.public)];

/** Pages anyone may open without the frame or a sign-in (the public 公示 screen). */
const publicRoutes = moduleRoutes.filter((route) => route.meta?.public);

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { titleKey: 'menu.login', public: true },
  },
  ...publicRoutes,
  {
    path: '/',
    component: BasicLayout,
    redirect: { name: 'dashboard' },
    children: [
      ...appRoutes,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/NotFound.vue'),
        meta: { titleKey: 'menu.notFound', hideInMenu: true },
      },
    ],
  },
];
