import type { RouteRecordRaw } from 'vue-router';
import { registerMessages } from '@/locales';

// The page title of the public 公示 view (the tab and window title on the service centre's screen).
const zhCN = { publicLists: { title: '党务公示' } };
const enUS: typeof zhCN = { publicLists: { title: 'Public notice' } };
export const publicListsMessages = { 'zh-CN': zhCN, 'en-US': enUS };
registerMessages(publicListsMessages);

/**
 * Pages anyone may open without signing in: a community's published study, resource and activity
 * lists, for a screen in its service centre. The page covers the whole window itself.
 */
const routes: RouteRecordRaw[] = [
  {
    path: '/public/communities/:id/lists',
    name: 'public-lists',
    component: () => import('@/views/public-lists/index.vue'),
    meta: { titleKey: 'publicLists.title', public: true, hideInMenu: true },
  },
];

export default routes;
