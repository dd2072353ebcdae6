import type { Education, Gender, MemberFlag, MemberStatus } from '../entities/member.entity.js';
import type { OrganizationCategory, OrganizationType } from '../entities/organization.entity.js';
import type { TransferKind, TransferStatus } from '../entities/transfer.entity.js';

/** 陇海马路街道党工委: the root of the scope the upstream system serves to this subdistrict. */
export const DEMO_ROOT_ORGANIZATION_ID = '410104001000';

/** The day the demo data describes; relative facts (letters about to expire…) hold on this day. */
export const DEMO_TODAY = '2026-11-26';

/** 2021 community Party-organisation elections (换届), from which the committees date. */
export const DEMO_ELECTION_DATE = '2021-12-18';

/** The upstream system has no drafts: a transfer exists there from PENDING_APPROVAL on. */
export type UpstreamTransferStatus = Exclude<TransferStatus, 'DRAFT'>;

export interface UpstreamOrganizationRecord {
  id: string;
  name: string;
  type: OrganizationType;
  category: OrganizationCategory;
  parentId: string | null;
  establishedOn: string | null;
  unitCreditCodes: string[];
}

export interface UpstreamMemberRecord {
  id: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idCardNumber: string;
  phone: string | null;
  education: Education;
  status: MemberStatus;
  joinedOn: string;
  fullMemberOn: string | null;
  organizationId: string;
  /** 党费交至, YYYY-MM. */
  duesPaidThrough: string | null;
  flags: MemberFlag[];
}

export interface UpstreamTransferHistoryEvent {
  status: UpstreamTransferStatus;
  /** ISO 8601 with offset. */
  at: string;
  /** The organisation that acted; null when the upstream system itself did (a letter expiring). */
  by: string | null;
  note: string | null;
}

export interface UpstreamTransferRecord {
  id: string;
  memberId: string;
  memberName: string;
  kind: TransferKind;
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

export interface DemoCommunity {
  organizationId: string;
  /** '新郑路社区' */
  name: string;
  /** '新郑路' */
  shortName: string;
}

export type CommitteeRole = 'SECRETARY' | 'DEPUTY_SECRETARY' | 'COMMITTEE_MEMBER';

export interface DemoCommittee {
  organizationId: string;
  electedOn: string;
  seats: Array<{ memberId: string; role: CommitteeRole }>;
}

export interface DemoUnit {
  name: string;
  creditCode: string;
}

export interface DemoNonPublicBranch {
  organizationId: string;
  category: 'NON_PUBLIC_ENTERPRISE' | 'SOCIAL_ORGANIZATION';
  /** The unit that hosts the branch (for a joint branch, the first of `units`). */
  unitName: string;
  unitCreditCode: string;
  /** Where the unit is: the community whose organisation it lies in. */
  communityOrganizationId: string;
  /** Every unit the branch covers: one, or several for a joint branch. */
  units: DemoUnit[];
}

export interface DemoBuilding {
  name: string;
  communityOrganizationId: string;
  /** The building's joint branch (category BUILDING). */
  branchOrganizationId: string;
  enterprises: DemoUnit[];
}

export interface DemoSubdistrict {
  rootOrganizationId: string;
  organizations: UpstreamOrganizationRecord[];
  members: UpstreamMemberRecord[];
  transfers: UpstreamTransferRecord[];
  communities: DemoCommunity[];
  committees: DemoCommittee[];
  nonPublicBranches: DemoNonPublicBranch[];
  buildings: DemoBuilding[];
}
