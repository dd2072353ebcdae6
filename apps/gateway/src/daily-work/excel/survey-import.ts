import {
  createUnit,
  DomainError,
  listBuildings,
  listCommunities,
  listOrganizations,
  listUnits,
  updateUnit,
  writeAudit,
  type Actor,
  type Building,
  type Community,
  type CreateUnitInput,
  type DataScope,
  type OrganizationRecord,
  type Unit,
  type UpdateUnitInput,
} from '@dangjian/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { COLUMN_OF, parseSurveyRow, type CellProblem, type ParsedSurveyRow, type SurveyField, type SurveyRow } from './unit-survey.js';
import { allPages } from '../../export/xlsx-stream.js';

export const IMPORT_MODES = ['dry-run', 'commit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One problem of the import: a row and column of the sheet, and why. */
export interface ImportProblem {
  row: number;
  /** The column's header, or null for the row as a whole. */
  column: string | null;
  field: SurveyField | null;
  reason: string;
  message: string;
}

export interface ImportResult {
  mode: ImportMode;
  /** The good rows were written (commit only). */
  committed: boolean;
  rowCount: number;
  validRowCount: number;
  invalidRowCount: number;
  /** Units created (or that a commit would create). */
  createdCount: number;
  /** Surveyed units already registered, updated by credit code. */
  updatedCount: number;
  problems: ImportProblem[];
}

/** The domain's input fields, as the sheet's columns. */
const FIELD_OF_INPUT: Record<string, SurveyField> = {
  name: 'name',
  category: 'category',
  creditCode: 'creditCode',
  communityOrganizationId: 'community',
  address: 'address',
  hasPremises: 'hasPremises',
  staffCount: 'staffCount',
  businessActive: 'businessActive',
  fullMemberCount: 'fullMemberCount',
  surveyedOn: 'surveyedOn',
  buildingId: 'building',
};

interface Lookups {
  /** Community organisation ids by the names a person may write: the organisation's, the profile's and its short name. */
  communities: Map<string, string[]>;
  buildings: Map<string, string[]>;
  unitsByCreditCode: Map<string, Unit>;
}

function addName(map: Map<string, string[]>, name: string | null | undefined, id: string): void {
  if (!name) return;
  const ids = map.get(name) ?? [];
  if (!ids.includes(id)) ids.push(id);
  map.set(name, ids);
}

/** The community organisations in scope, in tree order: the units of the survey lie in them. */
export async function communityOrganizations(dataSource: DataSource, scope: DataScope): Promise<OrganizationRecord[]> {
  const organizations: OrganizationRecord[] = [];
  for await (const page of allPages((after) => listOrganizations(dataSource, scope, { category: ['COMMUNITY'] }, { first: 100, after }))) {
    organizations.push(...page);
  }
  const ids = new Set(organizations.map((o) => o.id));
  // A community's own branches share its category; the community is the one whose parent does not.
  return organizations.filter((organization) => !organization.parentId || !ids.has(organization.parentId));
}

/** What the rows may refer to, in the importer's scope: communities, buildings, registered units. */
async function loadLookups(dataSource: DataSource, scope: DataScope): Promise<Lookups> {
  const communities = new Map<string, string[]>();
  for (const organization of await communityOrganizations(dataSource, scope)) addName(communities, organization.name, organization.id);
  for await (const page of allPages((after) => listCommunities(dataSource, scope, { first: 100, after }))) {
    for (const profile of page as Community[]) {
      addName(communities, profile.name, profile.organizationId);
      addName(communities, profile.shortName, profile.organizationId);
    }
  }
  const buildings = new Map<string, string[]>();
  for await (const page of allPages((after) => listBuildings(dataSource, scope, { first: 100, after }))) {
    for (const building of page as Building[]) addName(buildings, building.name, building.id);
  }
  const unitsByCreditCode = new Map<string, Unit>();
  for await (const page of allPages((after) => listUnits(dataSource, scope, { first: 100, after }))) {
    for (const unit of page as Unit[]) if (unit.creditCode) unitsByCreditCode.set(unit.creditCode.toUpperCase(), unit);
  }
  return { communities, buildings, unitsByCreditCode };
}

type Plan =
  | { kind: 'create'; input: CreateUnitInput }
  | { kind: 'update'; unit: Unit; input: UpdateUnitInput };

/**
 * Turns a parsed row into the domain call it needs. Cells that could not be read or resolved are
 * left out of it and reported in `problems`; the call still runs so the domain reports the rest.
 */
function planRow(values: ParsedSurveyRow, lookups: Lookups, problems: CellProblem[]): Plan {
  let communityOrganizationId: string | undefined;
  if (values.community !== undefined) {
    const ids = lookups.communities.get(values.community) ?? [];
    if (ids.length === 1) communityOrganizationId = ids[0];
    else if (ids.length > 1) {
      problems.push({ field: 'community', reason: 'COMMUNITY_AMBIGUOUS', message: `「${values.community}」对应多个社区党组织，请填写党组织全称` });
    } else {
      problems.push({
        field: 'community',
        reason: 'COMMUNITY_NOT_FOUND',
        message: `所在社区「${values.community}」不存在或不在您的管理范围内`,
      });
    }
  }
  let buildingId: string | undefined;
  if (values.building !== undefined) {
    const ids = lookups.buildings.get(values.building) ?? [];
    if (ids.length === 1) buildingId = ids[0];
    else problems.push({ field: 'building', reason: 'BUILDING_NOT_FOUND', message: `所在楼宇「${values.building}」未登记或不在您的管理范围内` });
  }
  const existing = values.creditCode ? lookups.unitsByCreditCode.get(values.creditCode) : undefined;
  if (!existing && values.community === undefined) {
    problems.push({ field: 'community', reason: 'REQUIRED', message: '请填写所在社区' });
  }
  const survey = {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.category !== undefined ? { category: values.category } : {}),
    ...(values.creditCode !== undefined ? { creditCode: values.creditCode } : {}),
    ...(values.address !== undefined ? { address: values.address } : {}),
    ...(values.hasPremises !== undefined ? { hasPremises: values.hasPremises } : {}),
    ...(values.staffCount !== undefined ? { staffCount: values.staffCount } : {}),
    ...(values.businessActive !== undefined ? { businessActive: values.businessActive } : {}),
    ...(values.fullMemberCount !== undefined ? { fullMemberCount: values.fullMemberCount } : {}),
    ...(values.surveyedOn !== undefined ? { surveyedOn: values.surveyedOn } : {}),
    ...(buildingId !== undefined ? { buildingId } : {}),
    ...(communityOrganizationId !== undefined ? { communityOrganizationId } : {}),
  };
  // A registered credit code updates that unit's survey; blank cells leave its values as they are.
  if (existing) return { kind: 'update', unit: existing, input: survey };
  return { kind: 'create', input: { name: '', ...survey } as CreateUnitInput };
}

/** The problems a domain error reports, placed in the sheet's columns. */
function problemsOf(error: DomainError): CellProblem[] {
  if (error.code === 'BAD_USER_INPUT' && error.fields.length) {
    return error.fields.map((problem) => ({
      field: FIELD_OF_INPUT[problem.field] ?? null,
      reason: problem.reason,
      message: problem.message,
    }));
  }
  const field: SurveyField | null =
    error.reason === 'CREDIT_CODE_EXISTS' ? 'creditCode' : error.code === 'NOT_FOUND' ? 'community' : null;
  return [{ field, reason: error.reason, message: error.message }];
}

/** Rolls back the savepoint of a row whose own cells were already found wrong. */
class RowRefused extends Error {}

/**
 * The domain's writes each open a transaction on what they are given. Handed the import's
 * transaction manager instead of the data source, each becomes a savepoint inside the one import
 * transaction: a row the domain refuses rolls back alone, and the good rows commit together.
 */
function withinTransaction(manager: EntityManager): DataSource {
  return { manager, transaction: manager.transaction.bind(manager) } as unknown as DataSource;
}

export interface ImportRequest {
  dataSource: DataSource;
  scope: DataScope;
  actor: Actor;
  mode: ImportMode;
  rows: SurveyRow[];
}

/**
 * Imports the survey of units: every row is validated by the same domain rules as the console's
 * form, in one transaction. A dry run rolls everything back and lists each bad row and column; a
 * commit writes all good rows in that one transaction (bad rows are listed and skipped) and audits
 * the import (IMPORT) in it.
 */
export async function importSurvey(request: ImportRequest): Promise<ImportResult> {
  const { dataSource, scope, actor, mode, rows } = request;
  const lookups = await loadLookups(dataSource, scope);
  const problems: ImportProblem[] = [];
  const badRows = new Set<number>();
  const report = (row: number, found: CellProblem[]) => {
    badRows.add(row);
    for (const problem of found) {
      problems.push({ row, column: problem.field ? COLUMN_OF[problem.field].header : null, ...problem });
    }
  };

  const plans: Array<{ row: number; plan: Plan; found: CellProblem[] }> = [];
  const firstRowOfCode = new Map<string, number>();
  for (const row of rows) {
    const { values, problems: found } = parseSurveyRow(row.cells);
    if (values.creditCode) {
      const earlier = firstRowOfCode.get(values.creditCode);
      if (earlier !== undefined) {
        found.push({
          field: 'creditCode',
          reason: 'CREDIT_CODE_REPEATED',
          message: `统一社会信用代码 ${values.creditCode} 与第 ${earlier} 行重复`,
        });
      } else firstRowOfCode.set(values.creditCode, row.row);
    }
    plans.push({ row: row.row, plan: planRow(values, lookups, found), found });
  }

  let createdCount = 0;
  let updatedCount = 0;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    for (const { row, plan, found } of plans) {
      try {
        // Each row in a savepoint of its own: a row with unreadable cells still goes through the
        // domain (so every bad column is listed) and is then rolled back alone.
        await runner.manager.transaction(async (manager) => {
          const transactional = withinTransaction(manager);
          if (plan.kind === 'create') await createUnit(transactional, scope, actor, plan.input);
          else await updateUnit(transactional, scope, actor, plan.unit.id, plan.input);
          if (found.length) throw new RowRefused();
        });
        if (plan.kind === 'create') createdCount += 1;
        else updatedCount += 1;
      } catch (error) {
        if (error instanceof RowRefused) report(row, found);
        else if (error instanceof DomainError) {
          // What the row already reports for a column is the cause; the domain's word on it is a consequence.
          const more = problemsOf(error).filter((problem) => !problem.field || !found.some((f) => f.field === problem.field));
          report(row, [...found, ...more]);
        } else throw error;
      }
    }
    problems.sort((a, b) => a.row - b.row);
    const result: ImportResult = {
      mode,
      committed: mode === 'commit',
      rowCount: rows.length,
      validRowCount: rows.length - badRows.size,
      invalidRowCount: badRows.size,
      createdCount,
      updatedCount,
      problems,
    };
    const audit = {
      action: 'IMPORT' as const,
      entityType: 'Unit',
      reason: `${mode === 'commit' ? '导入' : '检查'}单位排查表：${rows.length} 行，新增 ${createdCount}，更新 ${updatedCount}，有误 ${badRows.size} 行`,
      after: { mode, rowCount: rows.length, createdCount, updatedCount, invalidRowCount: badRows.size },
    };
    if (mode === 'commit') {
      await writeAudit(runner.manager, actor, audit);
      await runner.commitTransaction();
    } else {
      await runner.rollbackTransaction();
      await writeAudit(dataSource.manager, actor, audit);
    }
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
