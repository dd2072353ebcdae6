import { gql, type RequestOptions } from '@/api/request';
import type { Connection, OrganizationCategory, OrganizationType } from '@/api/types';
import { uploadImport } from '@/views/members/export';
import { GUIDED_CATEGORIES, type GuidanceItem, type GuidanceItemState, type GuidanceMethod, type UnitCategory } from './model';

export {
  GUIDANCE_ITEM_STATES,
  GUIDANCE_ITEMS,
  GUIDANCE_METHODS,
  GUIDED_CATEGORIES,
  UNIT_CATEGORIES,
  type GuidanceItem,
  type GuidanceItemState,
  type GuidanceMethod,
  type UnitCategory,
} from './model';

// 非公企业和社会组织党建: the survey of units, the branches, their instructors and the guidance visits.






type Ref = { id: string; name: string };

export interface Unit {
  id: string;
  name: string;
  category: UnitCategory;
  creditCode: string | null;
  address: string | null;
  hasPremises: boolean;
  staffCount: number;
  businessActive: boolean;
  fullMemberCount: number;
  surveyedOn: string | null;
  organizationCovered: boolean;
  needsOwnOrganization: boolean;
  communityOrganizationId: string;
  organizationId: string | null;
  jointBranchOrganizationId: string | null;
  buildingId: string | null;
  communityOrganization: Ref | null;
  organization: Ref | null;
  jointBranchOrganization: Ref | null;
  building: Ref | null;
}

export interface UnitFilter {
  search?: string;
  category?: UnitCategory[];
  organizationId?: string;
  buildingId?: string;
  surveyed?: boolean;
  needsOwnOrganization?: boolean;
  organizationCovered?: boolean;
}

const UNIT = `id name category creditCode address hasPremises staffCount businessActive fullMemberCount surveyedOn
  organizationCovered needsOwnOrganization communityOrganizationId organizationId jointBranchOrganizationId buildingId
  communityOrganization { id name } organization { id name } jointBranchOrganization { id name } building { id name }`;

export function listUnits(filter: UnitFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Unit>> {
  return gql<{ units: Connection<Unit> }>(
    `query SurveyUnits($filter: UnitFilter, $first: Int, $after: String) {
      units(filter: $filter, first: $first, after: $after) { nodes { ${UNIT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.units);
}

export interface UnitInput {
  name: string;
  category: UnitCategory;
  creditCode?: string | null;
  communityOrganizationId: string;
  address?: string | null;
  hasPremises?: boolean | null;
  staffCount?: number | null;
  businessActive?: boolean | null;
  fullMemberCount?: number | null;
  surveyedOn?: string | null;
  buildingId?: string | null;
  organizationId?: string | null;
  jointBranchOrganizationId?: string | null;
}

export function createUnit(input: UnitInput, options: RequestOptions = {}): Promise<Unit> {
  return gql<{ createUnit: Unit }>(`mutation CreateUnit($input: CreateUnitInput!) { createUnit(input: $input) { ${UNIT} } }`, { input }, options).then(
    (data) => data.createUnit,
  );
}

export function updateUnit(id: string, input: Partial<UnitInput>, options: RequestOptions = {}): Promise<Unit> {
  return gql<{ updateUnit: Unit }>(
    `mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { ${UNIT} } }`,
    { id, input },
    options,
  ).then((data) => data.updateUnit);
}

export interface CoverageReport {
  unitCount: number;
  inScopeCount: number;
  organizationCoveredCount: number;
  workCoveredCount: number;
  needingOwnOrganizationCount: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  unitsNeedingOwnOrganization: { id: string; name: string; fullMemberCount: number; communityOrganization: Ref | null }[];
  uncoveredUnits: { id: string; name: string; staffCount: number; communityOrganization: Ref | null }[];
}

export function getCoverageReport(options: RequestOptions = {}): Promise<CoverageReport> {
  return gql<{ coverageReport: CoverageReport }>(
    `query CoverageReport {
      coverageReport {
        unitCount inScopeCount organizationCoveredCount workCoveredCount needingOwnOrganizationCount
        organizationCoverageRate workCoverageRate
        unitsNeedingOwnOrganization { id name fullMemberCount communityOrganization { id name } }
        uncoveredUnits { id name staffCount communityOrganization { id name } }
      }
    }`,
    {},
    options,
  ).then((data) => data.coverageReport);
}

export interface ImportProblem {
  row: number;
  column: string | null;
  field: string | null;
  reason: string;
  message: string;
}

export interface ImportResult {
  mode: 'dry-run' | 'commit';
  committed: boolean;
  rowCount: number;
  validRowCount: number;
  invalidRowCount: number;
  createdCount: number;
  updatedCount: number;
  problems: ImportProblem[];
}

/** Checks (dry-run) or imports (commit) a filled-in survey template. */
export function importUnitSurvey(file: Blob, mode: 'dry-run' | 'commit'): Promise<ImportResult> {
  return uploadImport<ImportResult>('unit-survey', { mode }, file);
}

export interface BranchOrganization {
  id: string;
  name: string;
  type: OrganizationType;
  category: OrganizationCategory;
  memberCount: number;
  fullMemberCount: number;
  parent: Ref | null;
}

export function listBranches(
  filter: { category: OrganizationCategory[]; search?: string },
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<BranchOrganization>> {
  return gql<{ organizations: Connection<BranchOrganization> }>(
    `query GuidedBranches($filter: OrganizationFilter, $first: Int, $after: String) {
      organizations(filter: $filter, first: $first, after: $after, orderBy: TREE) {
        nodes { id name type category memberCount fullMemberCount parent { id name } }
        totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.organizations);
}

/** Every organisation an instructor may guide, for pickers (a subdistrict has a few dozen). */
export async function listGuidedBranchOptions(options: RequestOptions = {}): Promise<BranchOrganization[]> {
  const all: BranchOrganization[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const connection = await listBranches({ category: GUIDED_CATEGORIES }, 100, after, options);
    all.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return all;
}

export interface Instructor {
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  organization: Ref | null;
  organizationId: string;
}

export function listInstructors(search: string, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Instructor>> {
  return gql<{ instructors: Connection<Instructor> }>(
    `query Instructors($filter: InstructorFilter, $first: Int, $after: String) {
      instructors(filter: $filter, first: $first, after: $after) {
        nodes { id name title phone organizationId organization { id name } }
        totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter: search.trim() ? { search: search.trim() } : {}, first, after },
    options,
  ).then((data) => data.instructors);
}

export async function listInstructorOptions(options: RequestOptions = {}): Promise<Instructor[]> {
  return (await listInstructors('', 100, null, options)).nodes;
}

export interface InstructorInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  organizationId: string;
}

export function createInstructor(input: InstructorInput, options: RequestOptions = {}): Promise<Instructor> {
  return gql<{ createInstructor: Instructor }>(
    `mutation CreateInstructor($input: CreateInstructorInput!) { createInstructor(input: $input) { id name title phone organizationId organization { id name } } }`,
    { input },
    options,
  ).then((data) => data.createInstructor);
}

export interface Assignment {
  id: string;
  fromOn: string;
  toOn: string | null;
  active: boolean;
  instructorId: string;
  organizationId: string;
  instructor: Ref | null;
  organization: Ref | null;
}

const ASSIGNMENT = 'id fromOn toOn active instructorId organizationId instructor { id name } organization { id name }';

export function listAssignments(
  filter: { instructorId?: string; organizationId?: string; activeOn?: string },
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<Assignment>> {
  return gql<{ instructorAssignments: Connection<Assignment> }>(
    `query InstructorAssignments($filter: InstructorAssignmentFilter, $first: Int, $after: String) {
      instructorAssignments(filter: $filter, first: $first, after: $after) { nodes { ${ASSIGNMENT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.instructorAssignments);
}

export function createAssignment(
  input: { instructorId: string; organizationId: string; fromOn: string; toOn?: string | null },
  options: RequestOptions = {},
): Promise<Assignment> {
  return gql<{ createInstructorAssignment: Assignment }>(
    `mutation CreateAssignment($input: CreateInstructorAssignmentInput!) { createInstructorAssignment(input: $input) { ${ASSIGNMENT} } }`,
    { input },
    options,
  ).then((data) => data.createInstructorAssignment);
}

export function endAssignment(id: string, toOn: string, options: RequestOptions = {}): Promise<Assignment> {
  return gql<{ endInstructorAssignment: Assignment }>(
    `mutation EndAssignment($id: ID!, $toOn: Date!) { endInstructorAssignment(id: $id, toOn: $toOn) { ${ASSIGNMENT} } }`,
    { id, toOn },
    options,
  ).then((data) => data.endInstructorAssignment);
}

export interface VisitItem {
  item: GuidanceItem;
  state: GuidanceItemState;
  note: string | null;
}

export interface GuidanceVisit {
  id: string;
  visitedOn: string;
  method: GuidanceMethod;
  findings: string | null;
  followUpDueOn: string | null;
  followUpDoneOn: string | null;
  followUpOverdue: boolean;
  instructorId: string;
  organizationId: string;
  instructor: Ref | null;
  organization: Ref | null;
  items: VisitItem[];
  createdAt: string;
}

const VISIT = `id visitedOn method findings followUpDueOn followUpDoneOn followUpOverdue instructorId organizationId createdAt
  instructor { id name } organization { id name } items { item state note }`;

export interface VisitFilter {
  instructorId?: string;
  organizationId?: string;
  visitedFrom?: string;
  visitedTo?: string;
  followUpOverdue?: boolean;
}

export function listVisits(filter: VisitFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<GuidanceVisit>> {
  return gql<{ guidanceVisits: Connection<GuidanceVisit> }>(
    `query GuidanceVisits($filter: GuidanceVisitFilter, $first: Int, $after: String) {
      guidanceVisits(filter: $filter, first: $first, after: $after) { nodes { ${VISIT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.guidanceVisits);
}

export function getVisit(id: string, options: RequestOptions = {}): Promise<GuidanceVisit | null> {
  return gql<{ guidanceVisit: GuidanceVisit | null }>(`query GuidanceVisit($id: ID!) { guidanceVisit(id: $id) { ${VISIT} } }`, { id }, options).then(
    (data) => data.guidanceVisit,
  );
}

export interface VisitInput {
  instructorId: string;
  organizationId: string;
  visitedOn: string;
  method: GuidanceMethod;
  items: { item: GuidanceItem; state: GuidanceItemState; note?: string | null }[];
  findings?: string | null;
  followUpDueOn?: string | null;
}

export function createVisit(input: VisitInput, options: RequestOptions = {}): Promise<GuidanceVisit> {
  return gql<{ createGuidanceVisit: GuidanceVisit }>(
    `mutation CreateGuidanceVisit($input: CreateGuidanceVisitInput!) { createGuidanceVisit(input: $input) { ${VISIT} } }`,
    { input },
    options,
  ).then((data) => data.createGuidanceVisit);
}

export function completeFollowUp(id: string, doneOn: string | null, options: RequestOptions = {}): Promise<GuidanceVisit> {
  return gql<{ completeGuidanceFollowUp: GuidanceVisit }>(
    `mutation CompleteFollowUp($id: ID!, $doneOn: Date) { completeGuidanceFollowUp(id: $id, doneOn: $doneOn) { ${VISIT} } }`,
    { id, doneOn },
    options,
  ).then((data) => data.completeGuidanceFollowUp);
}

export interface BoardCell {
  item: GuidanceItem;
  state: GuidanceItemState | null;
  visitedOn: string | null;
  note: string | null;
}

export interface BoardRow {
  organizationId: string;
  organizationName: string;
  instructorNames: string[];
  lastVisitedOn: string | null;
  overdueFollowUpCount: number;
  items: BoardCell[];
}

export interface OverdueFollowUp {
  visitId: string;
  organizationId: string;
  organizationName: string;
  instructorName: string;
  visitedOn: string;
  followUpDueOn: string;
  findings: string | null;
}

export interface GuidanceBoard {
  today: string;
  rows: BoardRow[];
  overdueFollowUps: OverdueFollowUp[];
}

export function getGuidanceBoard(options: RequestOptions = {}): Promise<GuidanceBoard> {
  return gql<{ guidanceBoard: GuidanceBoard }>(
    `query GuidanceBoard {
      guidanceBoard {
        today
        rows { organizationId organizationName instructorNames lastVisitedOn overdueFollowUpCount items { item state visitedOn note } }
        overdueFollowUps { visitId organizationId organizationName instructorName visitedOn followUpDueOn findings }
      }
    }`,
    {},
    options,
  ).then((data) => data.guidanceBoard);
}

export interface BuildingOption {
  id: string;
  name: string;
}

export function listBuildingOptions(options: RequestOptions = {}): Promise<BuildingOption[]> {
  return gql<{ buildings: Connection<BuildingOption> }>(
    `query BuildingOptions { buildings(first: 100) { nodes { id name } totalCount pageInfo { hasNextPage endCursor } } }`,
    {},
    options,
  ).then((data) => data.buildings.nodes);
}
