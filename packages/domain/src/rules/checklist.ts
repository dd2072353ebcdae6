import { DomainError } from '../errors/domain-error.js';
import { compareDays, type DayDate } from './dates.js';

/** 清单: 责任 / 问题 / 学习 / 资源 / 活动. */
export const CHECKLIST_KINDS = ['RESPONSIBILITY', 'PROBLEM', 'STUDY', 'RESOURCE', 'ACTIVITY'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export const CHECKLIST_KIND_LABELS: Record<ChecklistKind, string> = {
  RESPONSIBILITY: '责任清单',
  PROBLEM: '问题清单',
  STUDY: '学习清单',
  RESOURCE: '资源清单',
  ACTIVITY: '活动清单',
};

export const CHECKLIST_STATUSES = ['OPEN', 'RECTIFYING', 'CLOSED'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const CHECKLIST_STATUS_LABELS: Record<ChecklistStatus, string> = {
  OPEN: '待办',
  RECTIFYING: '整改中',
  CLOSED: '已销号',
};

/** The lists a community publishes (公示) to residents; responsibilities and problems stay internal. */
export const PUBLISHABLE_CHECKLIST_KINDS: readonly ChecklistKind[] = ['STUDY', 'RESOURCE', 'ACTIVITY'];

export function isPublishableChecklistKind(kind: ChecklistKind): boolean {
  return PUBLISHABLE_CHECKLIST_KINDS.includes(kind);
}

/** A problem is rectified before it is closed (整改销号); other items are simply done. */
export function allowedChecklistStatuses(kind: ChecklistKind, current: ChecklistStatus): ChecklistStatus[] {
  if (current === 'CLOSED') return [];
  if (kind === 'PROBLEM') return current === 'OPEN' ? ['RECTIFYING'] : ['CLOSED'];
  return current === 'OPEN' ? ['CLOSED'] : [];
}

/**
 * Moves an item on. Closing a problem needs the evidence of its rectification. Throws CONFLICT
 * (CHECKLIST_INVALID_TRANSITION) or BAD_USER_INPUT (CHECKLIST_EVIDENCE_REQUIRED).
 */
export function nextChecklistStatus(
  kind: ChecklistKind,
  current: ChecklistStatus,
  target: ChecklistStatus,
  evidence?: string | null,
): ChecklistStatus {
  if (!allowedChecklistStatuses(kind, current).includes(target)) {
    throw DomainError.conflict(
      `${CHECKLIST_KIND_LABELS[kind] ?? kind}事项当前状态为「${CHECKLIST_STATUS_LABELS[current] ?? current}」，不能改为「${CHECKLIST_STATUS_LABELS[target] ?? target}」`,
      'CHECKLIST_INVALID_TRANSITION',
      { currentStatus: current, targetStatus: target, kind },
    );
  }
  if (kind === 'PROBLEM' && target === 'CLOSED' && !evidence?.trim()) {
    throw DomainError.badInput([
      { field: 'evidence', reason: 'CHECKLIST_EVIDENCE_REQUIRED', message: '问题销号必须提供整改情况说明或佐证材料' },
    ]);
  }
  return target;
}

export interface ChecklistItemState {
  status: ChecklistStatus;
  dueOn?: DayDate | null;
}

/** Not closed after its due day. */
export function isChecklistItemOverdue(item: ChecklistItemState, today: DayDate): boolean {
  if (item.status === 'CLOSED' || !item.dueOn) return false;
  return compareDays(today, item.dueOn) > 0;
}
