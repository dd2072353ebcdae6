import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const CENTER_LEVELS = ['SUBDISTRICT', 'COMMUNITY'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export const CENTER_STAGES = ['PLANNED', 'APPROVED', 'UNDER_CONSTRUCTION', 'OPEN'] as const;
export type CenterStage = (typeof CENTER_STAGES)[number];
export const SHARING_ROUTES = ['SHARED_PROPERTY', 'SHARED_PUBLIC_UNIT', 'SHARED_ENTERPRISE'] as const;
export type SharingRoute = (typeof SHARING_ROUTES)[number];
export const SERVICE_CATEGORIES = [
  'POLICY_CONSULTATION',
  'PARTY_AFFAIRS',
  'HARDSHIP_SUPPORT',
  'EDUCATION_TRAINING',
  'VOLUNTEER_SERVICE',
  'DISPUTE_MEDIATION',
  'LEGAL_AID',
  'HEALTH_CARE',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export interface ServiceCenter {
  id: string;
  name: string;
  level: CenterLevel;
  organizationId: string;
  organization: { id: string; name: string } | null;
  stage: CenterStage;
  areaM2: number;
  householdsServed: number | null;
  standardMet: boolean;
  sharingRoute: SharingRoute | null;
  facilities: string[];
  address: string | null;
  constructionStartsOn: string | null;
  openedOn: string | null;
}

export interface CenterStandard {
  center: { id: string };
  requiredAreaM2: number;
  shortfallM2: number;
}

export interface ServiceRecord {
  id: string;
  centerId: string;
  center: { id: string; name: string } | null;
  category: ServiceCategory;
  servedOn: string;
  servedPerson: string | null;
  handledBy: string | null;
  note: string | null;
}

export interface ServiceRecordFilter {
  centerId?: string;
  category?: ServiceCategory[];
  servedFrom?: string;
  servedTo?: string;
}

export interface CenterInput {
  name?: string;
  level?: CenterLevel;
  organizationId?: string;
  stage?: CenterStage;
  areaM2?: number;
  householdsServed?: number | null;
  sharingRoute?: SharingRoute | null;
  facilities?: string[];
  address?: string | null;
  constructionStartsOn?: string | null;
  openedOn?: string | null;
}

const CENTER = `id name level organizationId organization { id name } stage areaM2 householdsServed standardMet sharingRoute
  facilities address constructionStartsOn openedOn`;
const RECORD = 'id centerId center { id name } category servedOn servedPerson handledBy note';

export async function listCenters(options: RequestOptions = {}): Promise<ServiceCenter[]> {
  const nodes: ServiceCenter[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<ServiceCenter> = await gql<{ serviceCenters: Connection<ServiceCenter> }>(
      `query Centers($after: String) { serviceCenters(first: 100, after: $after) { nodes { ${CENTER} } totalCount pageInfo { hasNextPage endCursor } } }`,
      { after },
      options,
    ).then((data) => data.serviceCenters);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

export function centerStandards(options: RequestOptions = {}): Promise<CenterStandard[]> {
  return gql<{ serviceCenterStandards: CenterStandard[] }>(
    '{ serviceCenterStandards { center { id } requiredAreaM2 shortfallM2 } }',
    {},
    options,
  ).then((data) => data.serviceCenterStandards);
}

export function createCenter(input: CenterInput, options: RequestOptions = {}): Promise<ServiceCenter> {
  return gql<{ createServiceCenter: ServiceCenter }>(
    `mutation CreateCenter($input: CreateServiceCenterInput!) { createServiceCenter(input: $input) { ${CENTER} } }`,
    { input },
    options,
  ).then((data) => data.createServiceCenter);
}

export function updateCenter(id: string, input: CenterInput, options: RequestOptions = {}): Promise<ServiceCenter> {
  return gql<{ updateServiceCenter: ServiceCenter }>(
    `mutation UpdateCenter($id: ID!, $input: UpdateServiceCenterInput!) { updateServiceCenter(id: $id, input: $input) { ${CENTER} } }`,
    { id, input },
    options,
  ).then((data) => data.updateServiceCenter);
}

export function deleteCenter(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteCenter($id: ID!) { deleteServiceCenter(id: $id) { id } }', { id }, options).then(() => undefined);
}

export function listRecords(filter: ServiceRecordFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<ServiceRecord>> {
  return gql<{ serviceRecords: Connection<ServiceRecord> }>(
    `query Records($filter: ServiceRecordFilter, $first: Int, $after: String) {
      serviceRecords(filter: $filter, first: $first, after: $after) { nodes { ${RECORD} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.serviceRecords);
}

export function recordTotals(args: { centerId?: string; from?: string; to?: string }, options: RequestOptions = {}): Promise<Array<{ category: ServiceCategory; count: number }>> {
  return gql<{ serviceRecordTotals: Array<{ category: ServiceCategory; count: number }> }>(
    'query Totals($centerId: ID, $from: Date, $to: Date) { serviceRecordTotals(centerId: $centerId, from: $from, to: $to) { category count } }',
    { centerId: args.centerId || null, from: args.from || null, to: args.to || null },
    options,
  ).then((data) => data.serviceRecordTotals);
}

export function createRecord(
  input: { centerId: string; category: ServiceCategory; servedOn: string; servedPerson?: string | null; handledBy?: string | null; note?: string | null },
  options: RequestOptions = {},
): Promise<ServiceRecord> {
  return gql<{ createServiceRecord: ServiceRecord }>(
    `mutation CreateRecord($input: CreateServiceRecordInput!) { createServiceRecord(input: $input) { ${RECORD} } }`,
    { input },
    options,
  ).then((data) => data.createServiceRecord);
}

export function deleteRecord(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteRecord($id: ID!) { deleteServiceRecord(id: $id) { id } }', { id }, options).then(() => undefined);
}
