import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { centerAreaShortfall, centerStandardMet, requiredCenterArea, validateArea } from './service-center.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const S = DEFAULT_SETTINGS;

describe('service-centre area standard: 30 m² per 100 households, at least 300 m²', () => {
  it('never asks less than 300 m²', () => {
    expect(requiredCenterArea(0, S)).toBe(300);
    expect(requiredCenterArea(1000, S)).toBe(300);
  });

  it('counts a started hundred of households as a whole hundred', () => {
    expect(requiredCenterArea(1001, S)).toBe(330);
    expect(requiredCenterArea(3000, S)).toBe(900);
    expect(requiredCenterArea(3050, S)).toBe(930);
  });

  it('follows the settings', () => {
    const settings = resolveSettings({ centerAreaPerHundredHouseholds: 50, centerMinArea: 200 });
    expect(requiredCenterArea(300, settings)).toBe(200);
    expect(requiredCenterArea(1000, settings)).toBe(500);
  });

  it('is met when the area reaches the standard exactly, not below it', () => {
    expect(centerStandardMet(900, 3000, S)).toBe(true);
    expect(centerStandardMet(899.5, 3000, S)).toBe(false);
    expect(centerAreaShortfall(600, 3000, S)).toBe(300);
    expect(centerAreaShortfall(1000, 3000, S)).toBe(0);
  });

  it('refuses a negative area with a clear reason', () => {
    try {
      validateArea(-5);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).reason).toBe('AREA_NEGATIVE');
      expect((e as DomainError).fields[0].field).toBe('areaM2');
      expect((e as DomainError).message).toContain('负数');
    }
    expect(() => centerStandardMet(-1, 100, S)).toThrow(/负数/);
  });

  it('refuses an area that is not a number, and negative households', () => {
    expect(() => validateArea(Number.NaN)).toThrow(DomainError);
    expect(() => validateArea('300' as unknown as number)).toThrow(/数字/);
    expect(() => requiredCenterArea(-1, S)).toThrow(/户数/);
    expect(validateArea(0)).toBe(0);
    expect(validateArea(1000, 'buildingArea')).toBe(1000);
  });
});
