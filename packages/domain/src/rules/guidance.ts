import { addDays, compareDays, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/** What an instructor guides a non-public or social-organisation branch on (指导事项). */
export const GUIDANCE_ITEMS = ['RELATION_TRANSFER', 'ARCHIVE_MANAGEMENT', 'RULES_POSTED', 'ORGANIZATIONAL_LIFE'] as const;
export type GuidanceItem = (typeof GUIDANCE_ITEMS)[number];

export const GUIDANCE_ITEM_LABELS: Record<GuidanceItem, string> = {
  RELATION_TRANSFER: '党员组织关系转接',
  ARCHIVE_MANAGEMENT: '党员档案管理',
  RULES_POSTED: '各项制度上墙',
  ORGANIZATIONAL_LIFE: '组织生活落实',
};

/** How an item was found at a visit. */
export const GUIDANCE_ITEM_STATES = ['GOOD', 'NEEDS_IMPROVEMENT', 'NOT_DONE'] as const;
export type GuidanceItemState = (typeof GUIDANCE_ITEM_STATES)[number];

export const GUIDANCE_ITEM_STATE_LABELS: Record<GuidanceItemState, string> = {
  GOOD: '良好',
  NEEDS_IMPROVEMENT: '需改进',
  NOT_DONE: '未落实',
};

/** An item found lacking at a visit gets a follow-up. */
export function needsFollowUp(state: GuidanceItemState): boolean {
  return state !== 'GOOD';
}

/** The last day for the follow-up of a visit's findings. */
export function followUpDueOn(visitedOn: DayDate, settings: Settings): DayDate {
  return addDays(visitedOn, settings.followUpDueDays);
}

/** A follow-up not done and past its due day. */
export function followUpOverdue(dueOn: DayDate, doneOn: DayDate | null | undefined, today: DayDate): boolean {
  if (doneOn) return false;
  return compareDays(today, dueOn) > 0;
}
