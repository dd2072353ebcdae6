import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { MEETING_TYPES } from './meeting-types.js';
import { DEFAULT_SETTINGS, SETTING_DEFINITIONS, SETTING_KEYS, isSettingKey, resolveSettings, validateSettingValue } from './settings.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('settings: local values with the documented defaults', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      letterValidDaysInCity: 30,
      letterValidDaysElsewhere: 90,
      letterValidDaysMax: 180,
      receiptDueDays: 30,
      probationYears: 1,
      probationMaxExtensionMonths: 12,
      inactivityMonths: 6,
      lostContactMonths: 6,
      transferDueMonths: 6,
      jointBranchMaxUnits: 5,
      branchMaxMembers: 50,
      committeeThresholdFullMembers: 7,
      committeeMinSeats: 3,
      committeeNormalMaxSeats: 5,
      committeeMaxSeats: 7,
      communityTermYears: 5,
      otherTermYears: 3,
      termWarningDays: 90,
      surveyMinStaff: 10,
      surveyMinStaffSocialOrganization: 30,
      centerAreaPerHundredHouseholds: 30,
      centerMinArea: 300,
      followUpDueDays: 30,
      requestDueDays: 7,
    });
    expect(DEFAULT_SETTINGS.meetingFrequencies).toEqual({
      BRANCH_ASSEMBLY: 'QUARTER',
      BRANCH_COMMITTEE_MEETING: 'MONTH',
      PARTY_GROUP_MEETING: 'MONTH',
      PARTY_LECTURE: 'QUARTER',
      THEME_PARTY_DAY: 'MONTH',
      ORGANIZATIONAL_LIFE_MEETING: 'YEAR',
      DEMOCRATIC_APPRAISAL: 'YEAR',
    });
  });

  it('the theme Party day has 4 fixed items ("4+X"), in Chinese', () => {
    expect(DEFAULT_SETTINGS.themePartyDayFixedItems).toHaveLength(4);
    for (const item of DEFAULT_SETTINGS.themePartyDayFixedItems) expect(item).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('every setting has a Chinese description and a default its own schema accepts', () => {
    for (const key of SETTING_KEYS) {
      const definition = SETTING_DEFINITIONS[key];
      expect(definition.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(definition.schema.safeParse(definition.default).success).toBe(true);
    }
    expect(SETTING_KEYS.length).toBeGreaterThanOrEqual(26);
    expect(isSettingKey('receiptDueDays')).toBe(true);
    expect(isSettingKey('toString')).toBe(false);
  });

  it('the defaults cannot be changed by a careless caller', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });
});

describe('resolveSettings: a district overrides the defaults', () => {
  it('with no overrides gives the defaults', () => {
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a stored value replaces the default and the rest stay', () => {
    const settings = resolveSettings({ letterValidDaysInCity: 15, centerMinArea: 500 });
    expect(settings.letterValidDaysInCity).toBe(15);
    expect(settings.centerMinArea).toBe(500);
    expect(settings.letterValidDaysElsewhere).toBe(90);
  });

  it('a partial meeting-frequency map keeps the defaults for the meetings it omits', () => {
    const settings = resolveSettings({ meetingFrequencies: { BRANCH_ASSEMBLY: 'MONTH' } });
    expect(settings.meetingFrequencies.BRANCH_ASSEMBLY).toBe('MONTH');
    expect(settings.meetingFrequencies.PARTY_LECTURE).toBe('QUARTER');
    expect(Object.keys(settings.meetingFrequencies).sort()).toEqual([...MEETING_TYPES].sort());
  });

  it('ignores keys it does not know, so an old row cannot stop the platform', () => {
    expect(resolveSettings({ retiredSetting: 1 })).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses bad values with BAD_USER_INPUT listing every bad key', () => {
    const error = errorOf(() => resolveSettings({ receiptDueDays: -1, letterValidDaysMax: 'long', jointBranchMaxUnits: 5 }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields.map((f) => f.field).sort()).toEqual(['letterValidDaysMax', 'receiptDueDays']);
    expect(error.fields.every((f) => f.reason === 'SETTING_INVALID')).toBe(true);
    expect(error.message).toMatch(/设置/);
  });

  it('refuses a fractional number of days and an unknown frequency', () => {
    expect(errorOf(() => resolveSettings({ termWarningDays: 1.5 })).fields[0].field).toBe('termWarningDays');
    const error = errorOf(() => resolveSettings({ meetingFrequencies: { THEME_PARTY_DAY: 'WEEK' } }));
    expect(error.fields[0]).toMatchObject({ field: 'meetingFrequencies', reason: 'SETTING_INVALID' });
    expect(error.message).toContain('THEME_PARTY_DAY');
  });

  it('refuses a letter validity above the maximum', () => {
    const error = errorOf(() => resolveSettings({ letterValidDaysMax: 60 }));
    expect(error.fields.map((f) => f.field)).toEqual(['letterValidDaysElsewhere']);
    expect(error.message).toMatch(/上限/);
  });

  it('refuses committee seat bounds out of order', () => {
    expect(errorOf(() => resolveSettings({ committeeMinSeats: 6 })).fields[0].field).toBe('committeeMinSeats');
    expect(errorOf(() => resolveSettings({ committeeMaxSeats: 4 })).fields[0].field).toBe('committeeNormalMaxSeats');
  });

  it('refuses a probation extension above one year', () => {
    expect(errorOf(() => resolveSettings({ probationMaxExtensionMonths: 13 })).fields[0].field).toBe('probationMaxExtensionMonths');
  });
});

describe('validateSettingValue: before a value is stored', () => {
  it('returns the value to store', () => {
    expect(validateSettingValue('receiptDueDays', 45)).toBe(45);
    expect(validateSettingValue('themePartyDayFixedItems', [' 重温入党誓词 ', '交纳党费'])).toEqual(['重温入党誓词', '交纳党费']);
    expect(validateSettingValue('meetingFrequencies', { DEMOCRATIC_APPRAISAL: 'QUARTER' })).toMatchObject({
      DEMOCRATIC_APPRAISAL: 'QUARTER',
      BRANCH_ASSEMBLY: 'QUARTER',
    });
  });

  it('refuses an unknown key with SETTING_UNKNOWN', () => {
    const error = errorOf(() => validateSettingValue('noSuchSetting', 1));
    expect(error.reason).toBe('SETTING_UNKNOWN');
    expect(error.message).toContain('noSuchSetting');
  });

  it('refuses a bad value with SETTING_INVALID naming the setting in Chinese', () => {
    const error = errorOf(() => validateSettingValue('centerAreaPerHundredHouseholds', -30));
    expect(error.reason).toBe('SETTING_INVALID');
    expect(error.message).toContain('平方米');
    expect(errorOf(() => validateSettingValue('themePartyDayFixedItems', [])).reason).toBe('SETTING_INVALID');
    expect(errorOf(() => validateSettingValue('themePartyDayFixedItems', ['  '])).reason).toBe('SETTING_INVALID');
  });
});
