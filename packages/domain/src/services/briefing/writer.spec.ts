import { describe, expect, it } from 'vitest';
import {
  figure,
  hoursPhrase,
  joinParagraphs,
  paragraph,
  periodLabel,
  periodPhrase,
  quoted,
  subjectName,
  tidy,
  wanYuan,
} from './writer.js';

const source = { entityType: 'Activity', filter: { kind: ['SERVICE'] }, count: 96 };

describe('the briefing’s wording', () => {
  it('writes figures into the text and keeps them, in order, with their sources', () => {
    const p = paragraph`开展惠民服务活动${figure(96, '惠民服务活动次数', source)}次，参与${figure(4378, '参与人次', source)}人次。`;
    expect(p.text).toBe('开展惠民服务活动96次，参与4378人次。');
    expect(p.figures.map((f) => [f.label, f.value])).toEqual([
      ['惠民服务活动次数', '96'],
      ['参与人次', '4378'],
    ]);
    expect(p.figures[0].source).toBe(source);
  });

  it('leaves out optional clauses and mends the punctuation they leave behind', () => {
    const overdue = 0;
    const p = tidy(
      joinParagraphs([
        paragraph`列出问题${figure(3, '问题', source)}个，`,
        overdue > 0 && paragraph`逾期${overdue}个`,
        paragraph`。`,
      ]),
    );
    expect(p.text).toBe('列出问题3个。');
    expect(p.figures).toHaveLength(1);
  });

  it('names the period the way the reports do', () => {
    expect(periodPhrase('2026-01-01', '2026-11-26', '2026-11-26')).toBe('今年以来');
    expect(periodPhrase('2026-01-01', '2026-12-31', '2026-11-26')).toBe('今年以来');
    expect(periodPhrase('2025-01-01', '2025-12-31', '2026-11-26')).toBe('2025年');
    expect(periodPhrase('2026-05-01', '2026-05-31', '2026-11-26')).toBe('2026年5月');
    expect(periodPhrase('2026-04-01', '2026-06-30', '2026-11-26')).toBe('2026年第二季度');
    expect(periodPhrase('2026-03-15', '2026-06-30', '2026-11-26')).toBe('2026年3月15日至6月30日');
    expect(periodPhrase('2025-12-01', '2026-02-28', '2026-11-26')).toBe('2025年12月1日至2026年2月28日');
    expect(periodLabel('2026-01-01', '2026-11-26')).toBe('2026年1月1日—2026年11月26日');
  });

  it('says who reports, money in 万元 and times in hours or days', () => {
    expect(subjectName('陇海马路街道党工委')).toBe('陇海马路街道');
    expect(subjectName('新郑路社区党总支')).toBe('新郑路社区');
    expect(subjectName('紫薇社区党支部')).toBe('紫薇社区');
    expect(subjectName('党委')).toBe('党委');
    expect(wanYuan(190_560_000)).toBe('190.56');
    expect(wanYuan(31_800_000)).toBe('31.8');
    expect(wanYuan(1_000_000_000)).toBe('1000');
    expect(hoursPhrase(46.5)).toBe('46.5小时');
    expect(hoursPhrase(24)).toBe('24小时');
    expect(hoursPhrase(72)).toBe('3天');
    expect(quoted('“520”零距离服务')).toBe('“‘520’零距离服务”');
  });
});
