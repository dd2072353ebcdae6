import { gql, type RequestOptions } from '@/api/request';
import type { CadreStatistics, Connection, Education, Gender } from '@/api/types';

export const SEAT_ROLES = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

export const MEETING_TYPES = [
  'BRANCH_ASSEMBLY',
  'BRANCH_COMMITTEE_MEETING',
  'PARTY_GROUP_MEETING',
  'PARTY_LECTURE',
  'THEME_PARTY_DAY',
  'ORGANIZATIONAL_LIFE_MEETING',
  'DEMOCRATIC_APPRAISAL',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const COMPLIANCE_STATUSES = ['MET', 'OPEN', 'MISSED'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface Seat {
  id: string;
  role: SeatRole;
  member: { id: string; name: string; gender: Gender; birthDate: string; education: Education };
}

export interface Election {
  id: string;
  electedOn: string;
  termYears: number;
  termEndsOn: string;
  organization: { id: string; name: string };
  seats: Seat[];
}

const ELECTION = 'id electedOn termYears termEndsOn organization { id name } seats { id role member { id name gender birthDate education } }';

/** Elections of the organisation itself (or of its whole subtree), latest first. */
export function listElections(
  filter: { organizationId?: string; includeDescendants?: boolean },
  first = 20,
  options: RequestOptions = {},
): Promise<Connection<Election>> {
  return gql<{ elections: Connection<Election> }>(
    `query Elections($filter: ElectionFilter, $first: Int) {
      elections(filter: $filter, first: $first, orderBy: ELECTED_ON, direction: DESC) {
        nodes { ${ELECTION} } totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first },
    options,
  ).then((data) => data.elections);
}

export function getCadreStatistics(organizationIds: string[], options: RequestOptions = {}): Promise<CadreStatistics> {
  return gql<{ cadreStatistics: CadreStatistics }>(
    `query CadreStatistics($ids: [ID!]!) {
      cadreStatistics(organizationIds: $ids) {
        asOf seatCount averageAge aged35OrUnderCount aged35OrUnderRatio collegeOrAboveCount collegeOrAboveRatio femaleRatio
      }
    }`,
    { ids: organizationIds },
    options,
  ).then((data) => data.cadreStatistics);
}

export interface MeetingRow {
  id: string;
  type: MeetingType;
  heldOn: string;
  topic: string | null;
  place: string | null;
  expectedCount: number;
  attendedCount: number;
  organization: { id: string; name: string } | null;
}

export function listMeetings(
  filter: { organizationId: string; includeDescendants: boolean },
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<MeetingRow>> {
  return gql<{ meetings: Connection<MeetingRow> }>(
    `query OrganizationMeetings($filter: MeetingFilter, $first: Int, $after: String) {
      meetings(filter: $filter, first: $first, after: $after, orderBy: HELD_ON, direction: DESC) {
        nodes { id type heldOn topic place expectedCount attendedCount organization { id name } }
        totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.meetings);
}

export interface ComplianceEntry {
  type: MeetingType;
  period: string;
  start: string;
  end: string;
  status: ComplianceStatus;
  meetingCount: number;
}

export interface BranchCompliance {
  organizationId: string;
  organizationName: string;
  metCount: number;
  missedCount: number;
  openCount: number;
  entries: ComplianceEntry[];
}

export interface ComplianceReport {
  from: string;
  to: string;
  today: string;
  branches: BranchCompliance[];
}

export function getMeetingCompliance(organizationId: string | null, options: RequestOptions = {}): Promise<ComplianceReport> {
  return gql<{ meetingCompliance: ComplianceReport }>(
    `query MeetingCompliance($organizationId: ID) {
      meetingCompliance(organizationId: $organizationId) {
        from to today
        branches { organizationId organizationName metCount missedCount openCount entries { type period start end status meetingCount } }
      }
    }`,
    { organizationId },
    options,
  ).then((data) => data.meetingCompliance);
}

export type UnitCategory = 'NON_PUBLIC_ENTERPRISE' | 'SOCIAL_ORGANIZATION' | 'STATE_OWNED_ENTERPRISE' | 'PUBLIC_INSTITUTION' | 'OTHER';

export interface OrganizationUnit {
  id: string;
  name: string;
  category: UnitCategory;
  staffCount: number;
  fullMemberCount: number;
  organizationId: string | null;
  jointBranchOrganizationId: string | null;
  organizationCovered: boolean;
  needsOwnOrganization: boolean;
  surveyedOn: string | null;
}

const UNIT = 'id name category staffCount fullMemberCount organizationId jointBranchOrganizationId organizationCovered needsOwnOrganization surveyedOn';

/** Every page of the units a filter selects (a subdistrict registers a few hundred at most). */
export async function listAllUnits(filter: Record<string, unknown>, options: RequestOptions = {}): Promise<OrganizationUnit[]> {
  const units: OrganizationUnit[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: { units: Connection<OrganizationUnit> } = await gql(
      `query OrganizationUnits($filter: UnitFilter, $after: String) {
        units(filter: $filter, first: 100, after: $after) { nodes { ${UNIT} } totalCount pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after },
      options,
    );
    units.push(...data.units.nodes);
    if (!data.units.pageInfo.hasNextPage || !data.units.pageInfo.endCursor) break;
    after = data.units.pageInfo.endCursor;
  }
  return units;
}

/** 任期届满前多少天开始提醒换届 (the setting termWarningDays). */
export function getTermWarningDays(options: RequestOptions = {}): Promise<number> {
  return gql<{ settings: { key: string; value: unknown }[] }>(`query TermWarningSetting { settings { key value } }`, {}, options).then((data) => {
    const value = data.settings.find((setting) => setting.key === 'termWarningDays')?.value;
    return typeof value === 'number' ? value : 90;
  });
}
