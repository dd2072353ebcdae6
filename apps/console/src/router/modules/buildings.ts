import { House, School, Tickets } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { registerMessages, type FeatureMessages } from '@/locales';

/** The menu titles only: the area's other texts load with its pages (locales/modules/buildings.ts). */
export const buildingsMenuMessages: FeatureMessages = {
  'zh-CN': { buildings: { menu: { title: '楼宇党建', list: '楼宇与指导站', requests: '企业诉求', building: '楼宇详情' } } },
  'en-US': { buildings: { menu: { title: 'Buildings', list: 'Buildings and stations', requests: 'Enterprise requests', building: 'Building' } } },
};

registerMessages(buildingsMenuMessages);

const routes: RouteRecordRaw[] = [
  {
    path: 'buildings',
    name: 'buildings',
    redirect: { name: 'buildings-list' },
    meta: { titleKey: 'buildings.menu.title', icon: School, access: 'VIEW_BUILDINGS', order: 7 },
    children: [
      {
        path: 'list',
        name: 'buildings-list',
        component: () => import('@/views/buildings/index.vue'),
        meta: { titleKey: 'buildings.menu.list', icon: House, order: 1 },
      },
      {
        path: 'requests',
        name: 'buildings-requests',
        component: () => import('@/views/buildings/requests/index.vue'),
        meta: { titleKey: 'buildings.menu.requests', icon: Tickets, order: 2 },
      },
      {
        path: ':id(\\d+)',
        name: 'building-detail',
        component: () => import('@/views/buildings/detail.vue'),
        meta: { titleKey: 'buildings.menu.building', hideInMenu: true },
      },
    ],
  },
];

export default routes;
