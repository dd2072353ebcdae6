// The shapes of docs/graphql-contract.graphql that the console reads and writes.

export const ROLES = ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'INSTRUCTOR', 'STATION_STAFF', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_TYPES = [
  'WORKING_COMMITTEE',
  'PARTY_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
  'JOINT_BRANCH',
  'PARTY_GROUP',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_CATEGORIES = [
  'SUBDISTRICT',
  'COMMUNITY',
  'NON_PUBLIC_ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'BUILDING',
  'OTHER',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];

export const MEMBER_STATUSES = ['FULL', 'PROBATIONARY'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const EDUCATIONS = [
  'POSTGRADUATE',
  'UNDERGRADUATE',
  'JUNIOR_COLLEGE',
  'SECONDARY',
  'HIGH_SCHOOL',
  'JUNIOR_HIGH_OR_BELOW',
] as const;
export type Education = (typeof EDUCATIONS)[number];

export const TRANSFER_DIRECTIONS = ['OUTGOING', 'INCOMING'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const TRANSFER_KINDS = ['WITHIN_SYSTEM', 'CROSS_PROVINCE', 'PAPER'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_STATUSES = [
  'DRAFT',
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
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const SYNC_STATES = ['LOCAL_ONLY', 'PENDING_PUSH', 'SYNCED', 'CONFLICT'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const SYNC_COLLECTIONS = ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

export const SYNC_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** Audit actions the contract guarantees; the server may write more. */
export const AUDIT_ACTIONS = [
  'LOGIN',
  'LOGIN_FAILED',
  'REVEAL_PII',
  'EXPORT',
  'IMPORT',
  'CREATE',
  'UPDATE',
  'DELETE',
  'GRANT',
  'API_KEY_CREATED',
] as const;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

export interface OrganizationRef {
  id: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  organization: OrganizationRef | null;
}

export interface AuthPayload {
  accessToken: string;
  expiresAt: string;
  user: User;
}

export interface OrganizationSummary {
  id: string;
  upstreamId: string | null;
  name: string;
  type: OrganizationType;
  category: OrganizationCategory;
  memberCount: number;
  fullMemberCount: number;
}

export interface OrganizationTreeNode extends OrganizationSummary {
  /** Only the ids: enough to know whether the node can be expanded. */
  children: { id: string }[];
}

export interface OrganizationDetail extends OrganizationSummary {
  parent: OrganizationRef | null;
  children: OrganizationTreeNode[];
}

export interface OrganizationFilter {
  search?: string;
  type?: OrganizationType[];
  category?: OrganizationCategory[];
  ancestorId?: string;
  /** The top organisations of the caller's data scope (the gateway's addition to the contract). */
  rootsOnly?: boolean;
}

export interface Member {
  id: string;
  upstreamId: string | null;
  name: string;
  gender: Gender;
  birthDate: string;
  education: Education;
  status: MemberStatus;
  joinedOn: string;
  fullMemberOn: string | null;
  organization: OrganizationRef;
  idCardNumber: string;
  phone: string | null;
}

export interface MemberPii {
  idCardNumber: string;
  phone: string | null;
}

export interface MemberFilter {
  search?: string;
  organizationId?: string;
  includeDescendants?: boolean;
  status?: MemberStatus[];
}

export interface Transfer {
  id: string;
  upstreamId: string | null;
  memberName: string;
  direction: TransferDirection;
  kind: TransferKind;
  status: TransferStatus;
  fromOrganizationName: string;
  toOrganizationName: string;
  reason: string | null;
  letterNumber: string | null;
  letterIssuedOn: string | null;
  letterExpiresOn: string | null;
  receivedOn: string | null;
  receiptOn: string | null;
  syncState: SyncState;
}

export interface TransferFilter {
  status?: TransferStatus[];
  direction?: TransferDirection;
  organizationId?: string;
  overdue?: boolean;
}

export interface CadreStatistics {
  asOf: string;
  seatCount: number;
  averageAge: number;
  aged35OrUnderCount: number;
  aged35OrUnderRatio: number;
  collegeOrAboveCount: number;
  collegeOrAboveRatio: number;
  femaleRatio: number;
}

export interface SubdistrictOverview {
  communityCount: number;
  memberCount: number;
  fullMemberCount: number;
  probationaryMemberCount: number;
  committee: CadreStatistics;
  fullTimeStaffCount: number;
  nonPublicBranchCount: number;
  instructorCount: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  serviceActivityCount: number;
  themeEducationActivityCount: number;
  wishFulfilledCount: number;
  transfersInTransitCount: number;
  overdueTransferCount: number;
}

export interface SyncRun {
  id: string;
  status: SyncRunStatus;
  full: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  progress: number;
  fetchedCount: number;
  appliedCount: number;
  skippedCount: number;
  quarantinedCount: number;
  conflictCount: number;
  error: string | null;
}

export interface AuditLog {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
}

export interface AuditLogFilter {
  action?: string[];
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export interface ApiKey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  /** The key's first characters, to tell keys apart (the gateway's addition to the contract). */
  keyPrefix?: string | null;
}

export interface ApiKeyCreated {
  key: string;
  apiKey: ApiKey;
}

/** A console account as the user list shows it (fields beyond `User` are the gateway's additions). */
export interface UserAccount extends User {
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserFilter {
  search?: string;
  role?: Role[];
  organizationId?: string;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
  organizationId?: string;
}
