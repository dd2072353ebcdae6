import { DomainError } from '../errors/domain-error.js';
import { addDays, compareDays, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/** 诉求 ("件件有回音、事事有着落"): 受理 → 办理中 → 已办结. */
export const REQUEST_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'RESOLVED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  RECEIVED: '已受理',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
};

// A simple request may be settled at once, so RECEIVED → RESOLVED is allowed too.
const REQUEST_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  RECEIVED: ['IN_PROGRESS', 'RESOLVED'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: [],
};

/** The statuses a request in `current` may move to. */
export function allowedRequestStatuses(current: RequestStatus): RequestStatus[] {
  return [...REQUEST_TRANSITIONS[current]];
}

/**
 * Moves a request on. Closing (RESOLVED) needs the feedback given to the requester. Throws
 * CONFLICT (REQUEST_INVALID_TRANSITION) or BAD_USER_INPUT (REQUEST_FEEDBACK_REQUIRED).
 */
export function nextRequestStatus(current: RequestStatus, target: RequestStatus, feedback?: string | null): RequestStatus {
  if (!REQUEST_TRANSITIONS[current]?.includes(target)) {
    throw DomainError.conflict(
      `诉求当前状态为「${REQUEST_STATUS_LABELS[current] ?? current}」，不能改为「${REQUEST_STATUS_LABELS[target] ?? target}」`,
      'REQUEST_INVALID_TRANSITION',
      { currentStatus: current, targetStatus: target },
    );
  }
  if (target === 'RESOLVED' && !feedback?.trim()) {
    throw DomainError.badInput([
      { field: 'feedback', reason: 'REQUEST_FEEDBACK_REQUIRED', message: '办结诉求必须填写反馈情况，做到件件有回音' },
    ]);
  }
  return target;
}

/** The last day by which a request must have had its feedback. */
export function requestDueOn(receivedOn: DayDate, settings: Settings): DayDate {
  return addDays(receivedOn, settings.requestDueDays);
}

export interface RequestState {
  status: RequestStatus;
  receivedOn: DayDate;
}

/** Not yet resolved after its due day. */
export function isRequestOverdue(request: RequestState, today: DayDate, settings: Settings): boolean {
  if (request.status === 'RESOLVED') return false;
  return compareDays(today, requestDueOn(request.receivedOn, settings)) > 0;
}
