import { gql, type RequestOptions } from '@/api/request';
import type { Connection, Gender, Member, MemberStatus, SyncState, TransferDirection, TransferKind, TransferStatus } from '@/api/types';
import { WORK_LISTS, type TransferAction, type WorkList } from './model';

export { TRANSFER_ACTIONS, WORK_LISTS, type TransferAction, type WorkList } from './model';

/** The gateway's three work lists of the national system (TransferFilter.workList). */


export type TransferSort = 'NEWEST' | 'RECENTLY_UPDATED';

export interface TransferListFilter {
  status?: TransferStatus[];
  direction?: TransferDirection;
  kind?: TransferKind[];
  organizationId?: string;
  memberId?: string;
  search?: string;
  overdue?: boolean;
  workList?: WorkList;
}

export interface TransferRow {
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
  allowedActions: TransferAction[];
  updatedAt: string;
}

export interface TransferHistoryEvent {
  status: TransferStatus;
  at: string;
  by: string | null;
  note: string | null;
}

export interface LetterMember {
  id: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  status: MemberStatus;
  idCardNumber: string;
  phone: string | null;
  organization: { id: string; name: string };
}

/** The issuing organisation's contact details printed on a letter (its own, or the nearest above it). */
export interface LetterContact {
  organizationId: string;
  organizationName: string;
  contactPerson: string | null;
  contactPhone: string | null;
  contactAddress: string | null;
}

export interface TransferDetail extends TransferRow {
  fromOrganizationUpstreamId: string | null;
  toOrganizationUpstreamId: string | null;
  letterValidDays: number | null;
  duesPaidThrough: string | null;
  createdAt: string;
  history: TransferHistoryEvent[];
  organization: { id: string; name: string } | null;
  member: LetterMember | null;
  letterContact: LetterContact | null;
}

const ROW = `id upstreamId memberName direction kind status fromOrganizationName toOrganizationName reason
  letterNumber letterIssuedOn letterExpiresOn receivedOn receiptOn syncState allowedActions updatedAt`;

const DETAIL = `${ROW} fromOrganizationUpstreamId toOrganizationUpstreamId letterValidDays duesPaidThrough createdAt
  history { status at by note }
  organization { id name }
  member { id name gender birthDate ethnicity status idCardNumber phone organization { id name } }
  letterContact { organizationId organizationName contactPerson contactPhone contactAddress }`;

export function listTransferRows(
  filter: TransferListFilter,
  first: number,
  after: string | null,
  orderBy: TransferSort = 'NEWEST',
  options: RequestOptions = {},
): Promise<Connection<TransferRow>> {
  return gql<{ transfers: Connection<TransferRow> }>(
    `query TransferList($filter: TransferFilter, $first: Int, $after: String, $orderBy: TransferSort) {
      transfers(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
        nodes { ${ROW} }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after, orderBy },
    options,
  ).then((data) => data.transfers);
}

/** A member's transfers with their history, newest first (the member page). */
export function listMemberTransfers(memberId: string, options: RequestOptions = {}): Promise<Connection<TransferDetail>> {
  return gql<{ transfers: Connection<TransferDetail> }>(
    `query MemberTransfers($filter: TransferFilter) {
      transfers(filter: $filter, first: 100) { nodes { ${DETAIL} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter: { memberId } },
    options,
  ).then((data) => data.transfers);
}

/** How many transfers each work list holds: one request, one aliased count per list. */
export function countWorkLists(options: RequestOptions = {}): Promise<Record<WorkList, number>> {
  const fields = WORK_LISTS.map((list) => `${list}: transfers(filter: { workList: ${list} }, first: 0) { totalCount }`).join('\n');
  return gql<Record<WorkList, { totalCount: number }>>(`query TransferWorkListCounts {\n${fields}\n}`, {}, options).then(
    (data) => Object.fromEntries(WORK_LISTS.map((list) => [list, data[list]?.totalCount ?? 0])) as Record<WorkList, number>,
  );
}

export function getTransfer(id: string, options: RequestOptions = {}): Promise<TransferDetail | null> {
  return gql<{ transfer: TransferDetail | null }>(`query TransferDetail($id: ID!) { transfer(id: $id) { ${DETAIL} } }`, { id }, options).then(
    (data) => data.transfer,
  );
}

export interface CreateTransferOutInput {
  memberId: string;
  kind: TransferKind;
  toOrganizationName: string;
  toOrganizationUpstreamId?: string | null;
  reason: string;
}

export function createTransferOut(input: CreateTransferOutInput, options: RequestOptions = {}): Promise<TransferDetail> {
  return gql<{ createTransferOut: TransferDetail }>(
    `mutation CreateTransferOut($input: CreateTransferOutInput!) { createTransferOut(input: $input) { ${DETAIL} } }`,
    { input },
    options,
  ).then((data) => data.createTransferOut);
}

export interface TransferActionInput {
  action: TransferAction;
  note?: string | null;
  letterValidDays?: number | null;
  letterNumber?: string | null;
}

export function actOnTransfer(id: string, input: TransferActionInput, options: RequestOptions = {}): Promise<TransferDetail> {
  return gql<{ actOnTransfer: TransferDetail }>(
    `mutation ActOnTransfer($id: ID!, $input: TransferActionInput!) { actOnTransfer(id: $id, input: $input) { ${DETAIL} } }`,
    { id, input },
    options,
  ).then((data) => data.actOnTransfer);
}

export type MemberOption = Pick<Member, 'id' | 'name' | 'gender' | 'birthDate' | 'status' | 'idCardNumber' | 'organization'>;

/** Members whose name starts with the keyword (or with that whole id card number), for pickers. */
export function searchMembers(keyword: string, options: RequestOptions = {}): Promise<MemberOption[]> {
  return gql<{ members: Connection<MemberOption> }>(
    `query MemberOptions($filter: MemberFilter) {
      members(filter: $filter, first: 20, orderBy: NAME) {
        nodes { id name gender birthDate status idCardNumber organization { id name } }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter: keyword.trim() ? { search: keyword.trim() } : {} },
    options,
  ).then((data) => data.members.nodes);
}

export function getMemberOption(id: string, options: RequestOptions = {}): Promise<MemberOption | null> {
  return gql<{ member: MemberOption | null }>(
    `query MemberOption($id: ID!) { member(id: $id) { id name gender birthDate status idCardNumber organization { id name } } }`,
    { id },
    options,
  ).then((data) => data.member);
}

const LETTER_CONTACT = 'organizationId organizationName contactPerson contactPhone contactAddress';

/** An organisation's own letter contact details (blank ones null), to edit them. */
export function getOrganizationLetterContact(organizationId: string, options: RequestOptions = {}): Promise<LetterContact> {
  return gql<{ organizationLetterContact: LetterContact }>(
    `query OrganizationLetterContact($id: ID!) { organizationLetterContact(organizationId: $id) { ${LETTER_CONTACT} } }`,
    { id: organizationId },
    options,
  ).then((data) => data.organizationLetterContact);
}

export function setLetterContact(
  organizationId: string,
  input: { contactPerson: string; contactPhone: string; contactAddress: string },
  options: RequestOptions = {},
): Promise<LetterContact> {
  return gql<{ setLetterContact: LetterContact }>(
    `mutation SetLetterContact($id: ID!, $input: LetterContactInput!) { setLetterContact(organizationId: $id, input: $input) { ${LETTER_CONTACT} } }`,
    { id: organizationId, input },
    options,
  ).then((data) => data.setLetterContact);
}
