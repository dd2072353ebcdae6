import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const RELIEF_KINDS = ['SUBSISTENCE', 'SUBSIDY', 'CONDOLENCE'] as const;
export type ReliefKind = (typeof RELIEF_KINDS)[number];
export const RENOVATION_KINDS = ['COMPOUND', 'ROAD'] as const;
export type RenovationKind = (typeof RENOVATION_KINDS)[number];
export const RENOVATION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED'] as const;
export type RenovationStatus = (typeof RENOVATION_STATUSES)[number];

export interface ReliefPayment {
  id: string;
  kind: ReliefKind;
  amountFen: number;
  paidOn: string;
  recipientCount: number;
  communityOrganizationId: string;
  communityOrganization: { id: string; name: string } | null;
  note: string | null;
}

export interface ReliefTotals {
  byKind: Array<{ kind: ReliefKind; amountFen: number; recipientCount: number; paymentCount: number }>;
  totalAmountFen: number;
  totalRecipientCount: number;
}

export interface RenovationProject {
  id: string;
  name: string;
  kind: RenovationKind;
  status: RenovationStatus;
  communityOrganizationId: string;
  communityOrganization: { id: string; name: string } | null;
  startedOn: string | null;
  finishedOn: string | null;
  note: string | null;
}

export interface Evaluation {
  id: string;
  name: string;
  month: string;
  rank: number;
  rankedCount: number | null;
  note: string | null;
  organizationId: string;
  organization: { id: string; name: string } | null;
}

const PAYMENT = 'id kind amountFen paidOn recipientCount communityOrganizationId communityOrganization { id name } note';
const PROJECT = 'id name kind status communityOrganizationId communityOrganization { id name } startedOn finishedOn note';
const EVALUATION = 'id name month rank rankedCount note organizationId organization { id name }';

export interface ReliefFilter {
  organizationId?: string;
  kind?: ReliefKind[];
  paidFrom?: string;
  paidTo?: string;
}

export function listPayments(filter: ReliefFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<ReliefPayment>> {
  return gql<{ reliefPayments: Connection<ReliefPayment> }>(
    `query Payments($filter: ReliefPaymentFilter, $first: Int, $after: String) {
      reliefPayments(filter: $filter, first: $first, after: $after) { nodes { ${PAYMENT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.reliefPayments);
}

export function reliefTotals(args: { from?: string; to?: string; organizationId?: string }, options: RequestOptions = {}): Promise<ReliefTotals> {
  return gql<{ reliefTotals: ReliefTotals }>(
    `query ReliefTotals($from: Date, $to: Date, $organizationId: ID) {
      reliefTotals(from: $from, to: $to, organizationId: $organizationId) { byKind { kind amountFen recipientCount paymentCount } totalAmountFen totalRecipientCount }
    }`,
    { from: args.from || null, to: args.to || null, organizationId: args.organizationId || null },
    options,
  ).then((data) => data.reliefTotals);
}

export async function allProjects(filter: { organizationId?: string; kind?: RenovationKind; status?: RenovationStatus[] }, options: RequestOptions = {}): Promise<RenovationProject[]> {
  const nodes: RenovationProject[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<RenovationProject> = await gql<{ renovationProjects: Connection<RenovationProject> }>(
      `query Projects($filter: RenovationProjectFilter, $after: String) {
        renovationProjects(filter: $filter, first: 100, after: $after, orderBy: CREATED_AT, direction: ASC) { nodes { ${PROJECT} } totalCount pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after },
      options,
    ).then((data) => data.renovationProjects);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

export async function allEvaluations(filter: { organizationId?: string; name?: string; monthFrom?: string; monthTo?: string; maxRank?: number }, options: RequestOptions = {}): Promise<Evaluation[]> {
  const nodes: Evaluation[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<Evaluation> = await gql<{ evaluations: Connection<Evaluation> }>(
      `query Evaluations($filter: EvaluationFilter, $after: String) {
        evaluations(filter: $filter, first: 100, after: $after, orderBy: MONTH, direction: ASC) { nodes { ${EVALUATION} } totalCount pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after },
      options,
    ).then((data) => data.evaluations);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

type Saved<T> = Promise<T>;

export function savePayment(
  id: string | null,
  input: { kind: ReliefKind; amountFen: number; paidOn: string; recipientCount: number; communityOrganizationId: string; note: string | null },
  options: RequestOptions = {},
): Saved<ReliefPayment> {
  return id
    ? gql<{ updateReliefPayment: ReliefPayment }>(
        `mutation UpdatePayment($id: ID!, $input: UpdateReliefPaymentInput!) { updateReliefPayment(id: $id, input: $input) { ${PAYMENT} } }`,
        { id, input },
        options,
      ).then((data) => data.updateReliefPayment)
    : gql<{ createReliefPayment: ReliefPayment }>(`mutation CreatePayment($input: CreateReliefPaymentInput!) { createReliefPayment(input: $input) { ${PAYMENT} } }`, { input }, options).then(
        (data) => data.createReliefPayment,
      );
}

export function saveProject(
  id: string | null,
  input: { name: string; kind: RenovationKind; status: RenovationStatus; communityOrganizationId: string; startedOn: string | null; finishedOn: string | null; note: string | null },
  options: RequestOptions = {},
): Saved<RenovationProject> {
  return id
    ? gql<{ updateRenovationProject: RenovationProject }>(
        `mutation UpdateProject($id: ID!, $input: UpdateRenovationProjectInput!) { updateRenovationProject(id: $id, input: $input) { ${PROJECT} } }`,
        { id, input },
        options,
      ).then((data) => data.updateRenovationProject)
    : gql<{ createRenovationProject: RenovationProject }>(
        `mutation CreateProject($input: CreateRenovationProjectInput!) { createRenovationProject(input: $input) { ${PROJECT} } }`,
        { input },
        options,
      ).then((data) => data.createRenovationProject);
}

export function saveEvaluation(
  id: string | null,
  input: { name: string; month: string; rank: number; rankedCount: number | null; organizationId: string; note: string | null },
  options: RequestOptions = {},
): Saved<Evaluation> {
  return id
    ? gql<{ updateEvaluation: Evaluation }>(
        `mutation UpdateEvaluation($id: ID!, $input: UpdateEvaluationInput!) { updateEvaluation(id: $id, input: $input) { ${EVALUATION} } }`,
        { id, input },
        options,
      ).then((data) => data.updateEvaluation)
    : gql<{ createEvaluation: Evaluation }>(`mutation CreateEvaluation($input: CreateEvaluationInput!) { createEvaluation(input: $input) { ${EVALUATION} } }`, { input }, options).then(
        (data) => data.createEvaluation,
      );
}

export function deleteRecord(kind: 'relief' | 'renovations' | 'evaluations', id: string, options: RequestOptions = {}): Promise<void> {
  const mutation = { relief: 'deleteReliefPayment', renovations: 'deleteRenovationProject', evaluations: 'deleteEvaluation' }[kind];
  return gql(`mutation Delete($id: ID!) { ${mutation}(id: $id) { id } }`, { id }, options).then(() => undefined);
}
