import { gql, type RequestOptions } from './request';
import type { Connection, Member, MemberFilter, MemberPii } from './types';

export function listMembers(filter: MemberFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Member>> {
  return gql<{ members: Connection<Member> }>(
    `query Members($filter: MemberFilter, $first: Int, $after: String) {
      members(filter: $filter, first: $first, after: $after) {
        nodes {
          id upstreamId name gender birthDate education status joinedOn fullMemberOn
          organization { id name }
          idCardNumber phone
        }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.members);
}

export function revealMemberPii(id: string, reason: string, options: RequestOptions = {}): Promise<MemberPii> {
  return gql<{ revealMemberPii: MemberPii }>(
    `mutation RevealMemberPii($id: ID!, $reason: String!) {
      revealMemberPii(id: $id, reason: $reason) { idCardNumber phone }
    }`,
    { id, reason },
    options,
  ).then((data) => data.revealMemberPii);
}
