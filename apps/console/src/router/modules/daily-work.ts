import {
  Calendar,
  ChatDotRound,
  Checked,
  Connection,
  Coin,
  Flag,
  HomeFilled,
  Medal,
  Notebook,
  OfficeBuilding,
  Present,
  School,
} from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { registerMessages } from '@/locales';

// The menu titles of the daily Party-building work, registered here because the menu renders
// before any of these pages loads; each page brings the rest of its texts with it.
const zhCN = {
  dailyWork: {
    menu: {
      branchWork: '支部管理',
      checklist: '清单管理',
      meetings: '组织生活',
      elections: '换届与班子',
      serviceWork: '活动与阵地',
      activities: '活动与志愿服务',
      communities: '社区品牌',
      serviceCenters: '党群服务中心',
      coGovernance: '共建共治',
      alliance: '区域化党建联合体',
      residentRequests: '群众诉求',
      livelihood: '民生实事',
      briefing: '工作简报',
    },
  },
};
const enUS: typeof zhCN = {
  dailyWork: {
    menu: {
      branchWork: 'Branch work',
      checklist: 'Lists',
      meetings: 'Organisational life',
      elections: 'Elections',
      serviceWork: 'Activities and centres',
      activities: 'Activities and volunteering',
      communities: 'Community brands',
      serviceCenters: 'Service centres',
      coGovernance: 'Joint governance',
      alliance: 'Regional Party alliance',
      residentRequests: 'Residents’ requests',
      livelihood: 'Livelihood projects',
      briefing: 'Work briefing',
    },
  },
};
export const dailyWorkMenuMessages = { 'zh-CN': zhCN, 'en-US': enUS };
registerMessages(dailyWorkMenuMessages);

/** The article's daily work, grouped as its report is: branch work, activities and centres, joint governance. */
const routes: RouteRecordRaw[] = [
  {
    path: 'branch-work',
    name: 'branch-work',
    redirect: { name: 'checklist' },
    meta: { titleKey: 'dailyWork.menu.branchWork', icon: Flag, order: 5.5 },
    children: [
      {
        path: 'checklist',
        name: 'checklist',
        component: () => import('@/views/checklist/index.vue'),
        meta: { titleKey: 'dailyWork.menu.checklist', icon: Checked, order: 1 },
      },
      {
        path: 'meetings',
        name: 'meetings',
        component: () => import('@/views/meetings/index.vue'),
        meta: { titleKey: 'dailyWork.menu.meetings', icon: Calendar, order: 2 },
      },
      {
        path: 'elections',
        name: 'elections',
        component: () => import('@/views/elections/index.vue'),
        meta: { titleKey: 'dailyWork.menu.elections', icon: Medal, order: 3 },
      },
    ],
  },
  {
    path: 'service-work',
    name: 'service-work',
    redirect: { name: 'activities' },
    meta: { titleKey: 'dailyWork.menu.serviceWork', icon: Present, order: 7.2 },
    children: [
      {
        path: 'activities',
        name: 'activities',
        component: () => import('@/views/activities/index.vue'),
        meta: { titleKey: 'dailyWork.menu.activities', icon: Present, order: 1 },
      },
      {
        path: 'communities',
        name: 'communities',
        component: () => import('@/views/communities/index.vue'),
        meta: { titleKey: 'dailyWork.menu.communities', icon: School, order: 2 },
      },
      {
        path: 'service-centers',
        name: 'service-centers',
        component: () => import('@/views/service-centers/index.vue'),
        meta: { titleKey: 'dailyWork.menu.serviceCenters', icon: HomeFilled, order: 3 },
      },
    ],
  },
  {
    path: 'co-governance',
    name: 'co-governance',
    redirect: { name: 'alliance' },
    meta: { titleKey: 'dailyWork.menu.coGovernance', icon: Connection, order: 7.4 },
    children: [
      {
        path: 'alliance',
        name: 'alliance',
        component: () => import('@/views/alliance/index.vue'),
        meta: { titleKey: 'dailyWork.menu.alliance', icon: OfficeBuilding, order: 1 },
      },
      {
        path: 'resident-requests',
        name: 'resident-requests',
        component: () => import('@/views/resident-requests/index.vue'),
        meta: { titleKey: 'dailyWork.menu.residentRequests', icon: ChatDotRound, order: 2 },
      },
      {
        path: 'livelihood',
        name: 'livelihood',
        component: () => import('@/views/livelihood/index.vue'),
        meta: { titleKey: 'dailyWork.menu.livelihood', icon: Coin, order: 3 },
      },
    ],
  },
  {
    path: 'briefing',
    name: 'briefing',
    component: () => import('@/views/briefing/index.vue'),
    meta: { titleKey: 'dailyWork.menu.briefing', icon: Notebook, order: 8.5 },
  },
];

export default routes;
