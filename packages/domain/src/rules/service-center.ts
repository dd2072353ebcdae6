import { DomainError } from '../errors/domain-error.js';
import type { Settings } from './settings.js';

/**
 * 党群服务中心 floor area (a local standard, settings): at least `centerAreaPerHundredHouseholds`
 * m² per 100 households, started hundreds counting whole, and never less than `centerMinArea`.
 */
export function requiredCenterArea(households: number, settings: Settings): number {
  if (!Number.isFinite(households) || households < 0) {
    throw DomainError.badInput([{ field: 'households', reason: 'HOUSEHOLDS_INVALID', message: '户数应为不小于 0 的数' }]);
  }
  return Math.max(settings.centerMinArea, Math.ceil(households / 100) * settings.centerAreaPerHundredHouseholds);
}

/** "达标": the centre's area reaches the standard for the households it serves. */
export function centerStandardMet(areaM2: number, households: number, settings: Settings): boolean {
  return validateArea(areaM2) >= requiredCenterArea(households, settings);
}

/** The m² still missing to reach the standard, 0 when it is met. */
export function centerAreaShortfall(areaM2: number, households: number, settings: Settings): number {
  return Math.max(0, requiredCenterArea(households, settings) - validateArea(areaM2));
}

/** An area in m²: a finite number, not negative. Throws BAD_USER_INPUT (AREA_NEGATIVE / AREA_INVALID). */
export function validateArea(area: number, field = 'areaM2'): number {
  if (typeof area !== 'number' || !Number.isFinite(area)) {
    throw DomainError.badInput([{ field, reason: 'AREA_INVALID', message: '面积应为数字（平方米）' }]);
  }
  if (area < 0) {
    throw DomainError.badInput([{ field, reason: 'AREA_NEGATIVE', message: `面积不能为负数（${area} 平方米）` }]);
  }
  return area;
}
