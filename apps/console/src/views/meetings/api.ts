import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

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
export type Compliance = 'MET' | 'OPEN' | 'MISSED';
export type Frequency = 'MONTH' | 'QUARTER' | 'YEAR';

export interface Absentee {
  name: string;
  reason: string;
}

export interface Meeting {
  id: string;
  type: MeetingType;
  organizationId: string;
  organization: { id: string; name: string } | null;
  heldOn: string;
  topic: string | null;
  place: string | null;
  chair: string | null;
  recorder: string | null;
  expectedCount: number;
  attendedCount: number;
  votingMemberCount: number | null;
  absentees: Absentee[];
  agenda: string | null;
  resolutions: string | null;
}

export interface MeetingFilter {
  organizationId?: string;
  type?: MeetingType[];
  heldFrom?: string;
  heldTo?: string;
}

export interface ComplianceEntry {
  type: MeetingType;
  frequency: Frequency;
  period: string;
  start: string;
  end: string;
  status: Compliance;
  meetingCount: number;
}

export interface BranchCompliance {
  organizationId: string;
  organizationName: string;
  hasCommittee: boolean;
  hasGroups: boolean;
  entries: ComplianceEntry[];
  metCount: number;
  openCount: number;
  missedCount: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  today: string;
  branches: BranchCompliance[];
}

export interface MeetingInput {
  type?: MeetingType;
  organizationId?: string;
  heldOn?: string;
  topic?: string | null;
  place?: string | null;
  chair?: string | null;
  recorder?: string | null;
  expectedCount?: number;
  attendedCount?: number;
  votingMemberCount?: number | null;
  absentees?: Absentee[];
  agenda?: string | null;
  resolutions?: string | null;
}

const MEETING = `id type organizationId organization { id name } heldOn topic place chair recorder expectedCount attendedCount
  votingMemberCount absentees { name reason } agenda resolutions`;

export function listMeetings(filter: MeetingFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Meeting>> {
  return gql<{ meetings: Connection<Meeting> }>(
    `query Meetings($filter: MeetingFilter, $first: Int, $after: String) {
      meetings(filter: $filter, first: $first, after: $after) { nodes { ${MEETING} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.meetings);
}

export function meetingCompliance(
  args: { from?: string | null; to?: string | null; organizationId?: string | null },
  options: RequestOptions = {},
): Promise<ComplianceReport> {
  return gql<{ meetingCompliance: ComplianceReport }>(
    `query MeetingCompliance($from: Date, $to: Date, $organizationId: ID) {
      meetingCompliance(from: $from, to: $to, organizationId: $organizationId) {
        from to today
        branches {
          organizationId organizationName hasCommittee hasGroups metCount openCount missedCount
          entries { type frequency period start end status meetingCount }
        }
      }
    }`,
    { from: args.from || null, to: args.to || null, organizationId: args.organizationId || null },
    options,
  ).then((data) => data.meetingCompliance);
}

export function votingMemberCount(organizationId: string, options: RequestOptions = {}): Promise<number> {
  return gql<{ votingMemberCount: number }>('query Voting($id: ID!) { votingMemberCount(organizationId: $id) }', { id: organizationId }, options).then(
    (data) => data.votingMemberCount,
  );
}

export function createMeeting(input: MeetingInput, options: RequestOptions = {}): Promise<Meeting> {
  return gql<{ createMeeting: Meeting }>(
    `mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { ${MEETING} } }`,
    { input },
    options,
  ).then((data) => data.createMeeting);
}

export function updateMeeting(id: string, input: MeetingInput, options: RequestOptions = {}): Promise<Meeting> {
  return gql<{ updateMeeting: Meeting }>(
    `mutation UpdateMeeting($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { ${MEETING} } }`,
    { id, input },
    options,
  ).then((data) => data.updateMeeting);
}

export function deleteMeeting(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteMeeting($id: ID!) { deleteMeeting(id: $id) { id } }', { id }, options).then(() => undefined);
}
