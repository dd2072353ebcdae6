import { z } from 'zod';
import { DomainError, type FieldProblem } from '../errors/domain-error.js';
import { FREQUENCIES, MEETING_TYPES, MEETING_TYPE_LABELS, type Frequency, type MeetingType } from './meeting-types.js';

/**
 * Local values of the rules (docs/domain-rules.md): where a number is local practice rather than a
 * national rule, it is a setting with the documented default. A district stores its own value in
 * the `setting` table (key → JSON value); absent keys take the default below.
 */
interface SettingDefinition<S extends z.ZodType> {
  default: z.infer<S>;
  /** 中文说明, shown next to the value in the console. */
  description: string;
  schema: S;
}

function define<S extends z.ZodType>(schema: S, defaultValue: z.infer<S>, description: string): SettingDefinition<S> {
  return { default: defaultValue, description, schema };
}

const days = (max = 3650) => z.number().int().min(1).max(max);
const months = (max = 120) => z.number().int().min(1).max(max);
const count = (max = 100_000) => z.number().int().min(1).max(max);

const meetingFrequencySchema = z.object(
  Object.fromEntries(MEETING_TYPES.map((t) => [t, z.enum(FREQUENCIES)])) as Record<
    MeetingType,
    z.ZodEnum<{ [K in Frequency]: K }>
  >,
);

export const SETTING_DEFINITIONS = {
  letterValidDaysInCity: define(days(), 30, '介绍信有效期（市内转接），单位：天'),
  letterValidDaysElsewhere: define(days(), 90, '介绍信有效期（转往外地），单位：天'),
  letterValidDaysMax: define(days(), 180, '介绍信有效期上限，单位：天'),
  receiptDueDays: define(days(), 30, '接收党员后回执应在多少天内寄回'),
  probationYears: define(z.number().int().min(1).max(5), 1, '预备期，单位：年'),
  probationMaxExtensionMonths: define(months(12), 12, '预备期延长的最长月数（延长不超过一年）'),
  inactivityMonths: define(months(), 6, '连续多少个月不参加组织生活、不交纳党费、不做党所分配的工作即提示支部研究'),
  lostContactMonths: define(months(), 6, '失去联系多少个月列为失联党员候选'),
  transferDueMonths: define(months(), 6, '外出或迁移后多少个月内应转接组织关系'),
  jointBranchMaxUnits: define(count(100), 5, '联合党支部覆盖单位数的上限'),
  branchMaxMembers: define(count(1000), 50, '党支部党员人数的一般上限'),
  committeeThresholdFullMembers: define(count(1000), 7, '正式党员达到多少人时设立支部委员会'),
  committeeMinSeats: define(count(50), 3, '支部委员会最少委员数'),
  committeeNormalMaxSeats: define(count(50), 5, '支部委员会一般最多委员数'),
  committeeMaxSeats: define(count(50), 7, '支部委员会委员数的上限'),
  communityTermYears: define(z.number().int().min(1).max(10), 5, '社区党组织每届任期，单位：年'),
  otherTermYears: define(z.number().int().min(1).max(10), 3, '其他党支部每届任期，单位：年'),
  termWarningDays: define(days(), 90, '任期届满前多少天开始提醒换届'),
  surveyMinStaff: define(count(), 10, '纳入排查范围（“三有”）的最少从业人员数'),
  surveyMinStaffSocialOrganization: define(count(), 30, '社会组织纳入排查范围的最少从业人员数'),
  meetingFrequencies: define(
    meetingFrequencySchema,
    {
      BRANCH_ASSEMBLY: 'QUARTER',
      BRANCH_COMMITTEE_MEETING: 'MONTH',
      PARTY_GROUP_MEETING: 'MONTH',
      PARTY_LECTURE: 'QUARTER',
      THEME_PARTY_DAY: 'MONTH',
      ORGANIZATIONAL_LIFE_MEETING: 'YEAR',
      DEMOCRATIC_APPRAISAL: 'YEAR',
    },
    `各类组织生活的考核频次（${MEETING_TYPES.map((t) => MEETING_TYPE_LABELS[t]).join('、')}）`,
  ),
  themePartyDayFixedItems: define(
    z.array(z.string().trim().min(1).max(50)).min(1).max(10),
    ['重温入党誓词', '集中学习', '交纳党费', '志愿服务'],
    '主题党日（“4+X”）的固定内容',
  ),
  centerAreaPerHundredHouseholds: define(z.number().int().min(1).max(1000), 30, '党群服务中心每百户应有的面积，单位：平方米'),
  centerMinArea: define(z.number().int().min(0).max(100_000), 300, '社区党群服务中心的最小面积，单位：平方米'),
  followUpDueDays: define(days(), 30, '指导发现问题后整改跟进的期限，单位：天'),
  requestDueDays: define(days(), 7, '诉求受理后应在多少天内反馈'),
} as const;

export type SettingKey = keyof typeof SETTING_DEFINITIONS;
export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export type Settings = {
  readonly [K in SettingKey]: z.infer<(typeof SETTING_DEFINITIONS)[K]['schema']>;
};

export const DEFAULT_SETTINGS: Settings = Object.freeze(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_DEFINITIONS[k].default])) as Settings,
);

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFINITIONS, key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(key: string, issues: readonly z.core.$ZodIssue[]): string {
  const definition = isSettingKey(key) ? SETTING_DEFINITIONS[key] : undefined;
  const label = definition ? `「${definition.description}」(${key})` : key;
  const first = issues[0];
  const where = first && first.path.length ? `（${first.path.join('.')}）` : '';
  let what = '取值无效';
  if (first?.code === 'invalid_type') what = '类型不正确';
  else if (first?.code === 'too_small') what = '取值过小';
  else if (first?.code === 'too_big') what = '取值过大';
  else if (first?.code === 'invalid_value') what = '不是允许的取值';
  return `设置${label}${where}${what}`;
}

function check(key: string, value: unknown): { ok: true; value: unknown } | { ok: false; problem: FieldProblem } {
  if (!isSettingKey(key)) {
    return { ok: false, problem: { field: key, reason: 'SETTING_UNKNOWN', message: `没有名为「${key}」的设置项` } };
  }
  const definition = SETTING_DEFINITIONS[key];
  // A map keyed by meeting type keeps the defaults for keys it omits, so a value stored before a
  // meeting type was added stays valid.
  const candidate = isPlainObject(definition.default) && isPlainObject(value) ? { ...definition.default, ...value } : value;
  const parsed = (definition.schema as z.ZodType).safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      problem: { field: key, reason: 'SETTING_INVALID', message: describeIssue(key, parsed.error.issues) },
    };
  }
  return { ok: true, value: parsed.data };
}

function crossChecks(settings: Settings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (settings.letterValidDaysInCity > settings.letterValidDaysMax) {
    problems.push({
      field: 'letterValidDaysInCity',
      reason: 'SETTING_INVALID',
      message: `市内介绍信有效期（${settings.letterValidDaysInCity} 天）不能超过上限（${settings.letterValidDaysMax} 天）`,
    });
  }
  if (settings.letterValidDaysElsewhere > settings.letterValidDaysMax) {
    problems.push({
      field: 'letterValidDaysElsewhere',
      reason: 'SETTING_INVALID',
      message: `外地介绍信有效期（${settings.letterValidDaysElsewhere} 天）不能超过上限（${settings.letterValidDaysMax} 天）`,
    });
  }
  if (settings.committeeMinSeats > settings.committeeNormalMaxSeats) {
    problems.push({
      field: 'committeeMinSeats',
      reason: 'SETTING_INVALID',
      message: `支部委员会最少委员数（${settings.committeeMinSeats}）不能多于一般最多委员数（${settings.committeeNormalMaxSeats}）`,
    });
  }
  if (settings.committeeNormalMaxSeats > settings.committeeMaxSeats) {
    problems.push({
      field: 'committeeNormalMaxSeats',
      reason: 'SETTING_INVALID',
      message: `支部委员会一般最多委员数（${settings.committeeNormalMaxSeats}）不能多于上限（${settings.committeeMaxSeats}）`,
    });
  }
  return problems;
}

/**
 * Validates one value before it is stored. Returns the value to store (defaults filled in for a
 * partial meeting-frequency map); throws BAD_USER_INPUT (SETTING_UNKNOWN / SETTING_INVALID).
 */
export function validateSettingValue<K extends SettingKey>(key: K, value: unknown): Settings[K];
export function validateSettingValue(key: string, value: unknown): unknown;
export function validateSettingValue(key: string, value: unknown): unknown {
  const result = check(key, value);
  if (!result.ok) throw DomainError.badInput([result.problem]);
  return result.value;
}

/**
 * The settings in force: the defaults with the stored overrides on top. Keys the catalogue no
 * longer knows are ignored (a row left by an older version must not stop the platform); every bad
 * value is listed in one BAD_USER_INPUT error.
 */
export function resolveSettings(overrides: Record<string, unknown> = {}): Settings {
  const resolved: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!isSettingKey(key) || value === undefined) continue;
    const result = check(key, value);
    if (result.ok) resolved[key] = result.value;
    else problems.push(result.problem);
  }
  if (!problems.length) problems.push(...crossChecks(resolved as Settings));
  if (problems.length) throw DomainError.badInput(problems);
  return Object.freeze(resolved) as Settings;
}
