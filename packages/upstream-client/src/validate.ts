import { z } from 'zod';
import { idCardProblem, isDay, isInstant, isMonth } from './checks.js';
import {
  UPSTREAM_EDUCATIONS,
  UPSTREAM_GENDERS,
  UPSTREAM_MEMBER_FLAGS,
  UPSTREAM_MEMBER_STATUSES,
  UPSTREAM_ORGANIZATION_CATEGORIES,
  UPSTREAM_ORGANIZATION_TYPES,
  UPSTREAM_TRANSFER_KINDS,
  UPSTREAM_TRANSFER_STATUSES,
  type QuarantineEntry,
  type RecordOf,
  type UpstreamCollection,
  type UpstreamTombstone,
  type UpstreamTransfer,
} from './records.js';

/**
 * Why a record was quarantined: one stable English code per kind of breach, with the Chinese
 * sentence an operator reads on the sync page.
 */
const REASONS = {
  NOT_AN_OBJECT: () => '记录不是 JSON 对象',
  MISSING_ID: () => '缺少 id',
  MISSING_FIELD: (field: string) => `缺少字段 ${field}`,
  UNKNOWN_ENUM_VALUE: (field: string, value: unknown) => `字段 ${field} 的取值「${String(value)}」不在约定范围内`,
  INVALID_DATE: (field: string, value: unknown) => `字段 ${field} 不是有效日期「${String(value)}」`,
  INVALID_MONTH: (field: string, value: unknown) => `字段 ${field} 不是有效年月「${String(value)}」`,
  INVALID_DATETIME: (field: string, value: unknown) => `字段 ${field} 不是带时区的有效时间「${String(value)}」`,
  INVALID_ORGANIZATION_CODE: (field: string, value: unknown) => `字段 ${field} 不是 12–15 位的组织代码「${String(value)}」`,
  INVALID_VERSION: () => '版本号 version 必须是正整数',
  ID_CARD_FORMAT: () => '身份证号格式错误',
  ID_CARD_BIRTH_DATE: () => '身份证号中的出生日期无效',
  ID_CARD_CHECK_DIGIT: () => '身份证号校验位错误',
  UNEXPECTED_TOMBSTONE: () => '快照中不应出现删除标记',
  INVALID_FIELD: (field: string) => `字段 ${field} 的格式不符合约定`,
} as const;
type ReasonCode = keyof typeof REASONS;

function isReasonCode(value: string): value is ReasonCode {
  return value in REASONS;
}

const text = z.string().min(1);
const day = z.string().refine(isDay, { message: 'INVALID_DATE' });
const month = z.string().refine(isMonth, { message: 'INVALID_MONTH' });
const instant = z.string().refine(isInstant, { message: 'INVALID_DATETIME' });
const organizationCode = z.string().regex(/^\d{12,15}$/, { message: 'INVALID_ORGANIZATION_CODE' });
const version = z.number({ message: 'INVALID_VERSION' }).int({ message: 'INVALID_VERSION' }).positive({ message: 'INVALID_VERSION' });
const idCard = z.string().superRefine((value, ctx) => {
  const problem = idCardProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** A field the contract names but may leave out: absent reads as null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional().transform((v) => v ?? null);

const versioned = {
  version,
  updatedAt: instant,
  deleted: z.literal(false).optional().transform(() => false as const),
};

const organizationSchema = z.looseObject({
  id: organizationCode,
  name: text,
  type: z.enum(UPSTREAM_ORGANIZATION_TYPES),
  category: z.enum(UPSTREAM_ORGANIZATION_CATEGORIES),
  parentId: optional(organizationCode),
  establishedOn: optional(day),
  unitCreditCodes: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  ...versioned,
});

const memberSchema = z.looseObject({
  id: text,
  name: text,
  gender: z.enum(UPSTREAM_GENDERS),
  ethnicity: z.string(),
  birthDate: day,
  idCardNumber: idCard,
  phone: optional(z.string()),
  education: z.enum(UPSTREAM_EDUCATIONS),
  status: z.enum(UPSTREAM_MEMBER_STATUSES),
  joinedOn: day,
  fullMemberOn: optional(day),
  organizationId: organizationCode,
  duesPaidThrough: optional(month),
  flags: z.array(z.enum(UPSTREAM_MEMBER_FLAGS)).nullable().optional().transform((v) => v ?? []),
  ...versioned,
});

const historyEventSchema = z.looseObject({
  status: z.enum(UPSTREAM_TRANSFER_STATUSES),
  at: instant,
  by: optional(z.string()),
  note: optional(z.string()),
});

const transferSchema = z.looseObject({
  id: text,
  memberId: text,
  memberName: text,
  kind: z.enum(UPSTREAM_TRANSFER_KINDS),
  fromOrganizationId: text,
  fromOrganizationName: text,
  toOrganizationId: optional(text),
  toOrganizationName: text,
  status: z.enum(UPSTREAM_TRANSFER_STATUSES),
  reason: optional(z.string()),
  letterNumber: optional(z.string()),
  letterIssuedOn: optional(day),
  letterValidDays: optional(z.number().int().positive()),
  receivedOn: optional(day),
  receiptOn: optional(day),
  history: z.array(historyEventSchema).nullable().optional().transform((v) => v ?? []),
  ...versioned,
});

const tombstoneSchema = z.looseObject({
  id: text,
  version,
  updatedAt: instant.optional(),
  deleted: z.literal(true),
});

const SCHEMAS = { organizations: organizationSchema, members: memberSchema, transfers: transferSchema } as const;

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function fieldName(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('') || '(record)';
}

function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = fieldName(issue.path);
  const value = valueAt(raw, issue.path);
  let code: ReasonCode;
  if (issue.path.length === 1 && issue.path[0] === 'id' && (value === undefined || value === null || value === '')) {
    code = 'MISSING_ID';
  } else if (isReasonCode(issue.message)) {
    code = issue.message;
  } else if (value === undefined) {
    code = 'MISSING_FIELD';
  } else if (issue.code === 'invalid_value' || (issue.code === 'invalid_type' && issue.path.at(-1) === 'deleted')) {
    code = 'UNKNOWN_ENUM_VALUE';
  } else {
    code = 'INVALID_FIELD';
  }
  return `${REASONS[code](field, value)} (${code})`;
}

function quarantine(raw: unknown, reasons: string[]): { ok: false; entry: QuarantineEntry } {
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  return {
    ok: false,
    entry: { id: typeof id === 'string' && id !== '' ? id : null, reason: [...new Set(reasons)].join('；'), payload: raw },
  };
}

export type ValidationResult<T> = { ok: true; record: T } | { ok: false; entry: QuarantineEntry };

/**
 * Checks one record of a feed, snapshot or push answer against the contract. A record that breaks
 * it (missing id, unknown enum value, impossible date, wrong id card check digit…) comes back as a
 * quarantine entry with its reasons; fields the contract does not name are kept as they came.
 * Tombstones (`deleted: true`) are accepted unless `allowTombstone` is false (snapshots).
 */
export function validateRecord<C extends UpstreamCollection>(
  collection: C,
  raw: unknown,
  options: { allowTombstone?: boolean } = {},
): ValidationResult<RecordOf<C> | UpstreamTombstone> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return quarantine(raw, [`${REASONS.NOT_AN_OBJECT()} (NOT_AN_OBJECT)`]);
  }
  if ((raw as Record<string, unknown>).deleted === true) {
    if (options.allowTombstone === false) return quarantine(raw, [`${REASONS.UNEXPECTED_TOMBSTONE()} (UNEXPECTED_TOMBSTONE)`]);
    const parsed = tombstoneSchema.safeParse(raw);
    if (!parsed.success) return quarantine(raw, parsed.error.issues.map((issue) => describe(issue, raw)));
    return { ok: true, record: parsed.data as UpstreamTombstone };
  }
  const parsed = SCHEMAS[collection].safeParse(raw);
  if (!parsed.success) return quarantine(raw, parsed.error.issues.map((issue) => describe(issue, raw)));
  return { ok: true, record: parsed.data as unknown as RecordOf<C> };
}

/** A transfer as a push answers it; never a tombstone. */
export function validateTransfer(raw: unknown): ValidationResult<UpstreamTransfer> {
  const result = validateRecord('transfers', raw, { allowTombstone: false });
  return result as ValidationResult<UpstreamTransfer>;
}
