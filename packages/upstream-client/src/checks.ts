/**
 * The contract's own checks on incoming values. They are small and duplicated on purpose: the
 * client must not depend on the platform's domain package.
 */

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK_CHARACTERS = '10X98765432';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar day written YYYY-MM-DD (2023-02-29 is not one). */
export function isDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A year-month written YYYY-MM (党费交至). */
export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** An instant in ISO 8601 with a date, a time and an offset (Z or ±hh:mm). */
export function isInstant(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/.exec(value);
  return match !== null && isDay(match[1]);
}

export type IdCardProblem = 'ID_CARD_FORMAT' | 'ID_CARD_BIRTH_DATE' | 'ID_CARD_CHECK_DIGIT';

/** GB 11643: 17 digits with the birth date at 7–14, then an ISO 7064 MOD 11-2 check character. */
export function idCardProblem(value: string): IdCardProblem | null {
  const text = value.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(text)) return 'ID_CARD_FORMAT';
  if (!isDay(`${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`)) return 'ID_CARD_BIRTH_DATE';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(text[i]) * ID_CARD_WEIGHTS[i];
  return text[17] === ID_CARD_CHECK_CHARACTERS[sum % 11] ? null : 'ID_CARD_CHECK_DIGIT';
}
