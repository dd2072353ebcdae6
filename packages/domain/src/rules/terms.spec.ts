import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';
import { TERM_WARNING_LABELS, termEndsOn, termWarning, termYearsFor } from './terms.js';

const S = DEFAULT_SETTINGS;

describe("a community branch committee's term is 5 years; other branches 3 years", () => {
  it('gives 5 years to a community and 3 to others', () => {
    expect(termYearsFor('COMMUNITY', S)).toBe(5);
    for (const category of ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'BUILDING', 'SUBDISTRICT', 'OTHER'] as const) {
      expect(termYearsFor(category, S)).toBe(3);
    }
    expect(termYearsFor('COMMUNITY', resolveSettings({ communityTermYears: 4 }))).toBe(4);
  });

  it('term end = election date + term', () => {
    expect(termEndsOn('2021-06-30', 5)).toBe('2026-06-30');
    expect(termEndsOn('2024-02-29', 3)).toBe('2027-02-28');
    expect(termEndsOn('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('refuses a term that is not a positive whole number of years', () => {
    expect(() => termEndsOn('2021-06-30', 0)).toThrow(DomainError);
    expect(() => termEndsOn('2021-06-30', 2.5)).toThrow(/任期/);
  });
});

describe('warn 90 days before the term ends', () => {
  it('is OK until 91 days before, ENDING_SOON from 90 days before, ENDED on the end day', () => {
    expect(termWarning('2026-06-30', '2026-03-31', S)).toBe('OK');
    expect(termWarning('2026-06-30', '2026-04-01', S)).toBe('ENDING_SOON');
    expect(termWarning('2026-06-30', '2026-06-29', S)).toBe('ENDING_SOON');
    expect(termWarning('2026-06-30', '2026-06-30', S)).toBe('ENDED');
    expect(termWarning('2026-06-30', '2027-01-01', S)).toBe('ENDED');
  });

  it('follows the setting and has Chinese labels', () => {
    expect(termWarning('2026-06-30', '2026-04-01', resolveSettings({ termWarningDays: 30 }))).toBe('OK');
    expect(TERM_WARNING_LABELS.ENDING_SOON).toBe('即将到期');
  });
});
