import { describe, expect, it } from 'vitest';
import { ageOn, durationSeconds, formatDateTime, oneDecimal, percent, todayIn } from './format';

describe('formatting numbers as the article reports them', () => {
  it('percentages with one decimal', () => {
    expect(percent(26 / 27)).toBe('96.3');
    expect(percent(17 / 27)).toBe('63.0');
    expect(percent(1)).toBe('100.0');
    expect(percent(Number.NaN)).toBe('—');
  });

  it('averages with one decimal', () => {
    expect(oneDecimal(34.444)).toBe('34.4');
    expect(oneDecimal(34.45)).toBe('34.5');
  });

  it('age in completed years', () => {
    expect(ageOn('1990-03-07', '2024-03-06')).toBe(33);
    expect(ageOn('1990-03-07', '2024-03-07')).toBe(34);
    expect(ageOn('bad', '2024-03-07')).toBeNull();
  });

  it('durations up to now for a running run', () => {
    expect(durationSeconds('2024-05-01T00:00:00Z', '2024-05-01T00:01:05Z')).toBe(65);
    expect(durationSeconds('2024-05-01T00:00:00Z', null, Date.parse('2024-05-01T00:00:10Z'))).toBe(10);
    expect(durationSeconds(null, null)).toBeNull();
  });
});

describe('times in the platform’s time zone', () => {
  it('shows an instant as the clock in that zone reads', () => {
    expect(formatDateTime('2024-04-30T18:00:00Z', 'Asia/Shanghai')).toBe('2024-05-01 02:00:00');
    expect(formatDateTime('2024-05-01T02:00:00+08:00', 'UTC')).toBe('2024-04-30 18:00:00');
    expect(formatDateTime(null, 'UTC')).toBe('—');
  });

  it('reckons today there, not in the browser', () => {
    expect(todayIn('Asia/Shanghai', new Date('2024-04-30T17:30:00Z'))).toBe('2024-05-01');
    expect(todayIn('UTC', new Date('2024-04-30T17:30:00Z'))).toBe('2024-04-30');
  });
});
