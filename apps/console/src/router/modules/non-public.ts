import { Briefcase, DataBoard, EditPen, List, Stamp, UserFilled } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { registerMessages, type FeatureMessages } from '@/locales';

/** The menu titles only: the area's other texts load with its pages (locales/modules/non-public.ts). */
export const nonPublicMenuMessages: FeatureMessages = {
  'zh-CN': {
    nonPublic: {
      menu: { title: '非公和社会组织党建', units: '单位排查', branches: '党支部', instructors: '党建指导员', guidance: '指导记录', board: '指导看板' },
    },
  },
  'en-US': {
    nonPublic: {
      menu: { title: 'Non-public sector', units: 'Survey of units', branches: 'Branches', instructors: 'Instructors', guidance: 'Guidance visits', board: 'Guidance board' },
    },
  },
};

registerMessages(nonPublicMenuMessages);

const routes: RouteRecordRaw[] = [
  {
    path: 'non-public',
    name: 'non-public',
    redirect: { name: 'non-public-units' },
    meta: { titleKey: 'nonPublic.menu.title', icon: Briefcase, access: 'VIEW_NON_PUBLIC', order: 6 },
    children: [
      {
        path: 'units',
        name: 'non-public-units',
        component: () => import('@/views/non-public/units/index.vue'),
        meta: { titleKey: 'nonPublic.menu.units', icon: List, order: 1 },
      },
      {
        path: 'branches',
        name: 'non-public-branches',
        component: () => import('@/views/non-public/branches/index.vue'),
        meta: { titleKey: 'nonPublic.menu.branches', icon: Stamp, order: 2 },
      },
      {
        path: 'instructors',
        name: 'non-public-instructors',
        component: () => import('@/views/non-public/instructors/index.vue'),
        meta: { titleKey: 'nonPublic.menu.instructors', icon: UserFilled, order: 3 },
      },
      {
        path: 'guidance',
        name: 'non-public-guidance',
        component: () => import('@/views/non-public/guidance/index.vue'),
        meta: { titleKey: 'nonPublic.menu.guidance', icon: EditPen, order: 4 },
      },
      {
        path: 'board',
        name: 'non-public-board',
        component: () => import('@/views/non-public/board/index.vue'),
        meta: { titleKey: 'nonPublic.menu.board', icon: DataBoard, order: 5 },
      },
    ],
  },
];

export default routes;
