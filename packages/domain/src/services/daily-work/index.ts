// The daily work of the subdistrict: validated, scoped, audited writes (one transaction each) and
// scoped, paginated reads, plus the reports the console shows.
export { DAILY_WORK_TOTAL_PREFIX, loadSettings, type ListArgs, type PageArgs, type Sort } from './common.js';
export type { SubtreeFilter, WriteOptions } from './resource.js';
export * from './activities.service.js';
export * from './alliance.service.js';
export * from './buildings.service.js';
export * from './communities.service.js';
export * from './elections.service.js';
export * from './guidance.service.js';
export * from './livelihood.service.js';
export * from './lists.service.js';
export * from './meetings.service.js';
export * from './people.service.js';
export * from './requests.service.js';
export * from './service-centers.service.js';
export { listSettings, updateSetting, type SettingView } from './settings.service.js';
export * from './units.service.js';
