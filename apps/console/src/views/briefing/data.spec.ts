import { describe, expect, it } from 'vitest';
import type { Briefing } from './api';
import { chineseNumber, documentOf, draftOf, editedCount, periodShortcuts, segments, sourceRoute } from './data';

const seats = { entityType: 'CommitteeSeat', filter: { organizationIds: ['7', '9'], asOf: '2021-12-18' }, count: 27 };

describe('the briefing page', () => {
  it('opens the list that reproduces each figure', () => {
    expect(sourceRoute(seats)).toEqual({ name: 'elections', query: { organizationIds: '7,9', asOf: '2021-12-18' } });
    expect(sourceRoute({ entityType: 'Activity', filter: { kind: ['SERVICE'], heldFrom: '2026-01-01', heldTo: '2026-11-26' }, count: 88 })).toEqual({
      name: 'activities',
      query: { kind: 'SERVICE', heldFrom: '2026-01-01', heldTo: '2026-11-26' },
    });
    expect(sourceRoute({ entityType: 'Activity', filter: { kind: ['CITY_CLEANING'], organizationId: '3' }, count: 3 })).toEqual({
      name: 'activities',
      query: { tab: 'cleaning', organizationId: '3' },
    });
    expect(sourceRoute({ entityType: 'ChecklistItem', filter: { kind: ['PROBLEM'], status: ['CLOSED'] }, count: 9 })).toEqual({
      name: 'checklist',
      query: { kind: 'PROBLEM', status: 'CLOSED' },
    });
    expect(sourceRoute({ entityType: 'ChecklistItem', filter: { kind: ['STUDY', 'RESOURCE', 'ACTIVITY'], published: true }, count: 27 })).toEqual({
      name: 'checklist',
      query: { published: 'yes' },
    });
    expect(sourceRoute({ entityType: 'Wish', filter: { status: ['FULFILLED'], beneficiaryCategory: ['YOUTH'] }, count: 54 })).toEqual({
      name: 'activities',
      query: { tab: 'wishes', status: 'FULFILLED', category: 'YOUTH' },
    });
    expect(sourceRoute({ entityType: 'ServiceCenter', filter: { level: 'COMMUNITY', standardMet: false }, count: 3 })).toEqual({
      name: 'service-centers',
      query: { level: 'COMMUNITY', standardMet: 'false' },
    });
    expect(sourceRoute({ entityType: 'Request', filter: { source: 'RESIDENT', overdue: true }, count: 2 })).toEqual({
      name: 'resident-requests',
      query: { overdue: '1' },
    });
    expect(sourceRoute({ entityType: 'Request', filter: { source: 'ENTERPRISE' }, count: 2 })).toBeNull();
    expect(sourceRoute({ entityType: 'Staff', filter: {}, count: 18 })).toBeNull();
  });

  it('finds the figures in the text in order, and says which an edit removed', () => {
    const figures = [
      { label: '书记、委员人数', value: '27', source: seats },
      { label: '平均年龄', value: '34.4', source: seats },
      { label: '大专及以上学历占比', value: '96.3%', source: seats },
    ];
    const generated = segments('共选出书记、委员27名，平均年龄34.4岁，占比96.3%。', figures);
    expect(generated.segments.map((s) => [s.text, s.figure?.label ?? null])).toEqual([
      ['共选出书记、委员', null],
      ['27', '书记、委员人数'],
      ['名，平均年龄', null],
      ['34.4', '平均年龄'],
      ['岁，占比', null],
      ['96.3%', '大专及以上学历占比'],
      ['。', null],
    ]);
    expect(generated.missing).toEqual([]);
    const edited = segments('共选出书记、委员27名，平均年龄约34岁。', figures);
    expect(edited.missing.map((f) => f.value)).toEqual(['34.4', '96.3%']);
  });

  it('exports what was edited, without emptied paragraphs, and counts the edits', () => {
    const briefing: Briefing = {
      title: '陇海马路街道党建工作简报',
      subject: '陇海马路街道',
      organizationId: null,
      period: { from: '2026-01-01', to: '2026-11-26', asOf: '2026-11-26', label: '2026年1月1日—2026年11月26日' },
      sections: [{ key: 'communities', heading: '各社区党建工作有亮点', paragraphs: [{ title: '新郑路社区', text: '原文。', figures: [] }, { title: null, text: '第二段。', figures: [] }] }],
    };
    const draft = draftOf(briefing);
    draft.sections[0].paragraphs[0].text = '改过的正文。 ';
    draft.sections[0].paragraphs[1].text = '  ';
    expect(editedCount(draft)).toBe(2);
    expect(documentOf(draft, briefing.period.label)).toEqual({
      title: '陇海马路街道党建工作简报',
      period: '2026年1月1日—2026年11月26日',
      sections: [{ heading: '各社区党建工作有亮点', paragraphs: [{ title: '新郑路社区', text: '改过的正文。' }] }],
    });
  });

  it('numbers the parts and offers the usual periods', () => {
    expect([1, 4, 10, 12, 21].map(chineseNumber)).toEqual(['一', '四', '十', '十二', '二十一']);
    expect(periodShortcuts('2026-11-26')).toEqual({
      thisYear: ['2026-01-01', '2026-11-26'],
      firstHalf: ['2026-01-01', '2026-06-30'],
      lastQuarter: ['2026-07-01', '2026-09-30'],
      lastMonth: ['2026-10-01', '2026-10-31'],
      lastYear: ['2025-01-01', '2025-12-31'],
    });
    expect(periodShortcuts('2026-02-10').lastQuarter).toEqual(['2025-10-01', '2025-12-31']);
    expect(periodShortcuts('2026-01-10').lastMonth).toEqual(['2025-12-01', '2025-12-31']);
  });
});
