/**
 * The record shapes of docs/upstream-api.md, as the upstream system sends them. Defined here rather
 * than imported so that the client stays usable on its own (a bridge, a script).
 */
export const UPSTREAM_COLLECTIONS = ['organizations', 'members', 'transfers'] as const;
export type UpstreamCollection = (typeof UPSTREAM_COLLECTIONS)[number];

export const UPSTREAM_ORGANIZATION_TYPES = [
  'WORKING_COMMITTEE',
  'PARTY_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
  'JOINT_BRANCH',
  'PARTY_GROUP',
] as const;
export const UPSTREAM_ORGANIZATION_CATEGORIES = [
  'SUBDISTRICT',
  'COMMUNITY',
  'NON_PUBLIC_ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'BUILDING',
  'OTHER',
] as const;
export const UPSTREAM_GENDERS = ['MALE', 'FEMALE'] as const;
export const UPSTREAM_EDUCATIONS = [
  'POSTGRADUATE',
  'UNDERGRADUATE',
  'JUNIOR_COLLEGE',
  'SECONDARY',
  'HIGH_SCHOOL',
  'JUNIOR_HIGH_OR_BELOW',
] as const;
export const UPSTREAM_MEMBER_STATUSES = ['FULL', 'PROBATIONARY'] as const;
export const UPSTREAM_MEMBER_FLAGS = ['MOBILE', 'LOST_CONTACT'] as const;
export const UPSTREAM_TRANSFER_KINDS = ['WITHIN_SYSTEM', 'CROSS_PROVINCE', 'PAPER'] as const;
export const UPSTREAM_TRANSFER_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'IN_TRANSIT',
  'RECEIVED',
  'COMPLETED',
  'RETURNED',
  'WITHDRAWN',
  'REVOKED',
  'EXPIRED',
] as const;
export const UPSTREAM_TRANSFER_ACTIONS = [
  'APPROVE',
  'ISSUE_LETTER',
  'RECEIVE',
  'RETURN',
  'WITHDRAW',
  'REVOKE',
  'CONFIRM_RECEIPT',
  'REISSUE',
] as const;

export type UpstreamOrganizationType = (typeof UPSTREAM_ORGANIZATION_TYPES)[number];
export type UpstreamOrganizationCategory = (typeof UPSTREAM_ORGANIZATION_CATEGORIES)[number];
export type UpstreamGender = (typeof UPSTREAM_GENDERS)[number];
export type UpstreamEducation = (typeof UPSTREAM_EDUCATIONS)[number];
export type UpstreamMemberStatus = (typeof UPSTREAM_MEMBER_STATUSES)[number];
export type UpstreamMemberFlag = (typeof UPSTREAM_MEMBER_FLAGS)[number];
export type UpstreamTransferKind = (typeof UPSTREAM_TRANSFER_KINDS)[number];
export type UpstreamTransferStatus = (typeof UPSTREAM_TRANSFER_STATUSES)[number];
export type UpstreamTransferAction = (typeof UPSTREAM_TRANSFER_ACTIONS)[number];

export interface UpstreamOrganizationRecord {
  id: string;
  name: string;
  type: UpstreamOrganizationType;
  category: UpstreamOrganizationCategory;
  parentId: string | null;
  establishedOn: string | null;
  unitCreditCodes: string[];
}

export interface UpstreamMemberRecord {
  id: string;
  name: string;
  gender: UpstreamGender;
  ethnicity: string;
  birthDate: string;
  idCardNumber: string;
  phone: string | null;
  education: UpstreamEducation;
  status: UpstreamMemberStatus;
  joinedOn: string;
  fullMemberOn: string | null;
  organizationId: string;
  duesPaidThrough: string | null;
  flags: UpstreamMemberFlag[];
}

export interface UpstreamTransferHistoryEvent {
  status: UpstreamTransferStatus;
  at: string;
  by: string | null;
  note: string | null;
}

export interface UpstreamTransferRecord {
  id: string;
  memberId: string;
  memberName: string;
  kind: UpstreamTransferKind;
  fromOrganizationId: string;
  fromOrganizationName: string;
  toOrganizationId: string | null;
  toOrganizationName: string;
  status: UpstreamTransferStatus;
  reason: string | null;
  letterNumber: string | null;
  letterIssuedOn: string | null;
  letterValidDays: number | null;
  receivedOn: string | null;
  receiptOn: string | null;
  history: UpstreamTransferHistoryEvent[];
}

/**
 * What every live record in a feed or snapshot carries besides its own fields. Fields this client
 * does not know are kept on the object as they came, untyped.
 */
interface Versioned {
  version: number;
  updatedAt: string;
  deleted: false;
}

export interface UpstreamOrganization extends UpstreamOrganizationRecord, Versioned {}
export interface UpstreamMember extends UpstreamMemberRecord, Versioned {}
export interface UpstreamTransfer extends UpstreamTransferRecord, Versioned {}

/** A record deleted upstream (died, left, moved out of scope, dissolved). */
export interface UpstreamTombstone {
  id: string;
  version: number;
  updatedAt?: string;
  deleted: true;
}

export type RecordOf<C extends UpstreamCollection> = C extends 'organizations'
  ? UpstreamOrganization
  : C extends 'members'
    ? UpstreamMember
    : UpstreamTransfer;

/** A record that broke the contract, kept with its reason instead of failing the run. */
export interface QuarantineEntry {
  id: string | null;
  /** Chinese and English, e.g. "身份证号校验位错误 (ID_CARD_CHECK_DIGIT)". */
  reason: string;
  payload: unknown;
}

export interface ChangesPage<T> {
  items: Array<T | UpstreamTombstone>;
  quarantined: QuarantineEntry[];
  nextCursor: string;
  hasMore: boolean;
}

export interface SnapshotPage<T> {
  items: T[];
  quarantined: QuarantineEntry[];
  nextPage: string | null;
  hasMore: boolean;
  /** On the last page: where the change feed resumes after this snapshot. */
  cursor: string | null;
}
