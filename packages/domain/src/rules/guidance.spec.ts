import { describe, expect, it } from 'vitest';
import {
  GUIDANCE_ITEMS,
  GUIDANCE_ITEM_LABELS,
  GUIDANCE_ITEM_STATES,
  GUIDANCE_ITEM_STATE_LABELS,
  followUpDueOn,
  followUpOverdue,
  needsFollowUp,
} from './guidance.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

describe('an instructor guides four items of branch work', () => {
  it('names them as the article does', () => {
    expect([...GUIDANCE_ITEMS]).toEqual(['RELATION_TRANSFER', 'ARCHIVE_MANAGEMENT', 'RULES_POSTED', 'ORGANIZATIONAL_LIFE']);
    expect(GUIDANCE_ITEMS.map((i) => GUIDANCE_ITEM_LABELS[i]).join('、')).toBe('党员组织关系转接、党员档案管理、各项制度上墙、组织生活落实');
  });

  it('finds each item good, needing improvement, or not done; the last two get a follow-up', () => {
    expect([...GUIDANCE_ITEM_STATES]).toEqual(['GOOD', 'NEEDS_IMPROVEMENT', 'NOT_DONE']);
    expect(GUIDANCE_ITEM_STATE_LABELS.NOT_DONE).toBe('未落实');
    expect(needsFollowUp('GOOD')).toBe(false);
    expect(needsFollowUp('NEEDS_IMPROVEMENT')).toBe(true);
    expect(needsFollowUp('NOT_DONE')).toBe(true);
  });
});

describe('follow-ups are due within 30 days of the visit', () => {
  it('is due 30 days after the visit, by the setting', () => {
    expect(followUpDueOn('2026-03-01', DEFAULT_SETTINGS)).toBe('2026-03-31');
    expect(followUpDueOn('2026-03-01', resolveSettings({ followUpDueDays: 14 }))).toBe('2026-03-15');
  });

  it('is overdue the day after its due day while not done', () => {
    expect(followUpOverdue('2026-03-31', null, '2026-03-31')).toBe(false);
    expect(followUpOverdue('2026-03-31', null, '2026-04-01')).toBe(true);
    expect(followUpOverdue('2026-03-31', '2026-04-10', '2026-05-01')).toBe(false);
  });
});
