import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  CHECKLIST_KINDS,
  CHECKLIST_KIND_LABELS,
  CHECKLIST_STATUS_LABELS,
  PUBLISHABLE_CHECKLIST_KINDS,
  allowedChecklistStatuses,
  isChecklistItemOverdue,
  isPublishableChecklistKind,
  nextChecklistStatus,
} from './checklist.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('the five lists (清单)', () => {
  it('are responsibility, problem, study, resource and activity, with Chinese names', () => {
    expect([...CHECKLIST_KINDS]).toEqual(['RESPONSIBILITY', 'PROBLEM', 'STUDY', 'RESOURCE', 'ACTIVITY']);
    expect(CHECKLIST_KIND_LABELS.PROBLEM).toBe('问题清单');
    expect(CHECKLIST_STATUS_LABELS.CLOSED).toBe('已销号');
  });

  it('only the study, resource and activity lists are published', () => {
    expect([...PUBLISHABLE_CHECKLIST_KINDS].sort()).toEqual(['ACTIVITY', 'RESOURCE', 'STUDY']);
    expect(isPublishableChecklistKind('PROBLEM')).toBe(false);
    expect(isPublishableChecklistKind('RESPONSIBILITY')).toBe(false);
    expect(isPublishableChecklistKind('STUDY')).toBe(true);
  });
});

describe('a problem is rectified, then closed with evidence (整改销号)', () => {
  it('goes OPEN → RECTIFYING → CLOSED', () => {
    expect(nextChecklistStatus('PROBLEM', 'OPEN', 'RECTIFYING')).toBe('RECTIFYING');
    expect(nextChecklistStatus('PROBLEM', 'RECTIFYING', 'CLOSED', '已补齐会议记录，见附件')).toBe('CLOSED');
  });

  it('cannot be closed without evidence', () => {
    const error = errorOf(() => nextChecklistStatus('PROBLEM', 'RECTIFYING', 'CLOSED', ' '));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.reason).toBe('CHECKLIST_EVIDENCE_REQUIRED');
    expect(error.fields[0].field).toBe('evidence');
  });

  it('cannot skip rectification', () => {
    const error = errorOf(() => nextChecklistStatus('PROBLEM', 'OPEN', 'CLOSED', 'evidence'));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('CHECKLIST_INVALID_TRANSITION');
    expect(error.message).toBe('问题清单事项当前状态为「待办」，不能改为「已销号」');
  });
});

describe('other items go OPEN → CLOSED', () => {
  it('closes directly without evidence, and never rectifies', () => {
    expect(nextChecklistStatus('STUDY', 'OPEN', 'CLOSED')).toBe('CLOSED');
    expect(errorOf(() => nextChecklistStatus('ACTIVITY', 'OPEN', 'RECTIFYING')).code).toBe('CONFLICT');
    expect(allowedChecklistStatuses('RESPONSIBILITY', 'OPEN')).toEqual(['CLOSED']);
  });

  it('nothing moves once closed', () => {
    for (const kind of CHECKLIST_KINDS) expect(allowedChecklistStatuses(kind, 'CLOSED')).toEqual([]);
    expect(errorOf(() => nextChecklistStatus('STUDY', 'CLOSED', 'OPEN')).code).toBe('CONFLICT');
  });
});

describe('overdue items', () => {
  it('an item not closed is overdue the day after its due day', () => {
    expect(isChecklistItemOverdue({ status: 'OPEN', dueOn: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isChecklistItemOverdue({ status: 'RECTIFYING', dueOn: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isChecklistItemOverdue({ status: 'CLOSED', dueOn: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isChecklistItemOverdue({ status: 'OPEN', dueOn: null }, '2026-07-01')).toBe(false);
  });
});
