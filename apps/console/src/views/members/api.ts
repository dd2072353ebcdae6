import { gql, type RequestOptions } from '@/api/request';
import type { Connection, Education, Gender, Member, MemberStatus } from '@/api/types';
import type { MemberFlag } from './model';

export { MEMBER_FLAGS, type MemberFlag } from './model';

/** 流动党员 / 失联党员. */

/** The gateway's member filter (the contract's, plus gender, education and flags). */
export interface MemberListFilter {
  search?: string;
  organizationId?: string;
  includeDescendants?: boolean;
  status?: MemberStatus[];
  gender?: Gender;
  education?: Education[];
  flags?: MemberFlag[];
}

export interface MemberRow extends Member {
  flags: MemberFlag[];
}

export interface MemberDetail extends MemberRow {
  ethnicity: string;
  duesPaidThrough: string | null;
}

const ROW = `id upstreamId name gender birthDate education status joinedOn fullMemberOn flags
  organization { id name } idCardNumber phone`;

export function listMemberRows(filter: MemberListFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<MemberRow>> {
  return gql<{ members: Connection<MemberRow> }>(
    `query MemberList($filter: MemberFilter, $first: Int, $after: String) {
      members(filter: $filter, first: $first, after: $after) { nodes { ${ROW} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.members);
}

export function getMember(id: string, options: RequestOptions = {}): Promise<MemberDetail | null> {
  return gql<{ member: MemberDetail | null }>(
    `query MemberDetail($id: ID!) { member(id: $id) { ${ROW} ethnicity duesPaidThrough } }`,
    { id },
    options,
  ).then((data) => data.member);
}
