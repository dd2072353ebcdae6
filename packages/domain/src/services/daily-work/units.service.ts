import type { DataSource, EntityManager } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { Building } from '../../entities/daily-work/building.entity.js';
import { InstructorAssignment } from '../../entities/daily-work/instructor.entity.js';
import {
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  Unit,
  type UnitCategory,
} from '../../entities/daily-work/unit.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import {
  checkCreditCode,
  checkRequiredText,
  coverageSummary,
  isInSurveyScope,
  todayIn,
  unitsNeedingOwnOrganization,
  type CoverageSummary,
  type SurveyUnit,
} from '../../rules/index.js';
import { inScope, type DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkCount,
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredEnum,
  changedOrganizationsInScope,
  isId,
  loadSettings,
  organizationKeptOrInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import { ownerInScope, unitWithinStation } from './building-scope.js';
import { buildingResource } from './buildings.service.js';
import {
  createRecord,
  deleteRecord,
  findInScope,
  getRecord,
  listRecords,
  scopedResourceQuery,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

export interface CreateUnitInput {
  category: UnitCategory;
  name: string;
  /** 统一社会信用代码; checked for its check character. */
  creditCode?: string | null;
  address?: string | null;
  hasPremises?: boolean | null;
  staffCount?: number | null;
  businessActive?: boolean | null;
  surveyedOn?: string | null;
  fullMemberCount?: number | null;
  /** The unit's own Party organisation. */
  organizationId?: string | null;
  /** The joint branch covering the unit (instead of an own organisation). */
  jointBranchOrganizationId?: string | null;
  buildingId?: string | null;
  /** The community the unit lies in (the root of its data scope). */
  communityOrganizationId: string;
}
export type UpdateUnitInput = Partial<CreateUnitInput>;

export interface UnitFilter extends SubtreeFilter {
  category?: UnitCategory[] | null;
  search?: string | null;
  buildingId?: string | null;
  /** Surveyed (排查) at least once. */
  surveyed?: boolean | null;
  /** "应建未建": 3 or more full members and no organisation of its own. */
  needsOwnOrganization?: boolean | null;
  /** Has its own organisation or is in a joint branch. */
  organizationCovered?: boolean | null;
}
export type UnitSortField = 'NAME' | 'STAFF_COUNT' | 'CREATED_AT';

async function existingOrganization(
  manager: EntityManager,
  id: string | null | undefined,
  field: string,
): Promise<Organization | null> {
  if (id === undefined || id === null) return null;
  const organization = isId(id) ? await manager.getRepository(Organization).findOneBy({ id }) : null;
  if (!organization)
    throw DomainError.badInput([{ field, reason: 'ORGANIZATION_NOT_FOUND', message: '所选党组织不存在' }]);
  return organization;
}

export const unitResource: Resource<Unit, CreateUnitInput, UnitFilter, UnitSortField> = {
  entity: Unit,
  entityType: 'Unit',
  label: '单位',
  alias: 'unit',
  orgIdExpression: 'unit.communityOrganizationId',
  alsoInScope: (qb, scope) => unitWithinStation(qb, 'unit', scope),
  softDelete: true,
  sortColumns: { NAME: 'name', STAFF_COUNT: 'staffCount', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'category', input.category, UNIT_CATEGORIES, '单位类别');
    checkRequiredText(problems, 'name', input.name, '单位名称', 100);
    if (text(input.creditCode)) checkCreditCode(problems, 'creditCode', text(input.creditCode));
    else if (input.category === 'NON_PUBLIC_ENTERPRISE' || input.category === 'SOCIAL_ORGANIZATION') {
      problems.add(
        'creditCode',
        'REQUIRED',
        `请填写${UNIT_CATEGORY_LABELS[input.category]}的统一社会信用代码`,
      );
    }
    checkOptionalText(problems, 'address', input.address, '地址', 200);
    checkCount(problems, 'staffCount', input.staffCount, '从业人员数');
    checkCount(problems, 'fullMemberCount', input.fullMemberCount, '正式党员数');
    if (checkOptionalDay(problems, 'surveyedOn', input.surveyedOn, '排查日期')) {
      checkNotFuture(problems, 'surveyedOn', input.surveyedOn, '排查日期', ctx.today);
    }
    if (input.organizationId && input.jointBranchOrganizationId) {
      problems.add(
        'jointBranchOrganizationId',
        'UNIT_DOUBLE_COVERAGE',
        '单位已有自己的党组织时，不应再由联合党支部覆盖',
      );
    }
    problems.throwIfAny();
    const community = await organizationKeptOrInScope(
      ctx.manager,
      ctx.scope,
      input.communityOrganizationId,
      existing?.communityOrganizationId,
    );
    if (!inScope(community.path, ctx.scope)) {
      await changedOrganizationsInScope(ctx.manager, ctx.scope, [
        { to: input.organizationId, from: existing?.organizationId },
        { to: input.jointBranchOrganizationId, from: existing?.jointBranchOrganizationId },
      ]);
      if (input.buildingId && input.buildingId !== existing?.buildingId)
        await findInScope(ctx.manager, buildingResource, ctx.scope, input.buildingId);
    }
    await existingOrganization(ctx.manager, input.organizationId, 'organizationId');
    const joint = await existingOrganization(
      ctx.manager,
      input.jointBranchOrganizationId,
      'jointBranchOrganizationId',
    );
    if (joint && joint.type !== 'JOINT_BRANCH') {
      throw DomainError.badInput([
        {
          field: 'jointBranchOrganizationId',
          reason: 'NOT_A_JOINT_BRANCH',
          message: `「${joint.name}」不是联合党支部`,
        },
      ]);
    }
    if (input.buildingId) {
      const building = isId(input.buildingId)
        ? await ctx.manager.getRepository(Building).findOneBy({ id: input.buildingId })
        : null;
      if (!building)
        throw DomainError.badInput([
          { field: 'buildingId', reason: 'BUILDING_NOT_FOUND', message: '所选楼宇不存在' },
        ]);
    }
    const creditCode = text(input.creditCode)?.toUpperCase() ?? null;
    if (creditCode) {
      const other = await ctx.manager
        .getRepository(Unit)
        .findOne({ where: { creditCode }, withDeleted: true });
      if (other && other.id !== existing?.id) {
        throw DomainError.conflict(
          `统一社会信用代码 ${creditCode} 已登记为「${other.name}」`,
          'CREDIT_CODE_EXISTS',
          { id: other.id },
        );
      }
    }
    return {
      category: input.category,
      name: input.name.trim(),
      creditCode,
      address: text(input.address),
      hasPremises: input.hasPremises ?? false,
      staffCount: input.staffCount ?? 0,
      businessActive: input.businessActive ?? false,
      surveyedOn: input.surveyedOn ?? null,
      fullMemberCount: input.fullMemberCount ?? 0,
      organizationId: input.organizationId ?? null,
      jointBranchOrganizationId: input.jointBranchOrganizationId ?? null,
      buildingId: input.buildingId ?? null,
      communityOrganizationId: community.id,
    };
  },
  async beforeDelete(ctx, existing) {
    await ownerInScope(ctx.manager, ctx.scope, existing.communityOrganizationId, '单位', existing.id);
  },
  applyFilter(qb, filter) {
    if (filter.category?.length)
      qb.andWhere('unit.category IN (:...categories)', { categories: filter.category });
    const search = text(filter.search);
    if (search) {
      // The credit code column is ASCII: comparing it with Chinese text is an error in MySQL, and
      // a credit code never contains Chinese anyway.
      if (/^[0-9A-Za-z]+$/.test(search)) {
        qb.andWhere('(unit.name LIKE :search OR unit.creditCode LIKE :search)', { search: `%${search}%` });
      } else {
        qb.andWhere('unit.name LIKE :search', { search: `%${search}%` });
      }
    }
    if (filter.buildingId) qb.andWhere('unit.buildingId = :buildingId', { buildingId: filter.buildingId });
    if (filter.surveyed === true) qb.andWhere('unit.surveyedOn IS NOT NULL');
    if (filter.surveyed === false) qb.andWhere('unit.surveyedOn IS NULL');
    if (filter.needsOwnOrganization === true) {
      qb.andWhere('unit.fullMemberCount >= 3 AND unit.organizationId IS NULL');
    }
    if (filter.needsOwnOrganization === false) {
      qb.andWhere('(unit.fullMemberCount < 3 OR unit.organizationId IS NOT NULL)');
    }
    if (filter.organizationCovered === true)
      qb.andWhere('(unit.organizationId IS NOT NULL OR unit.jointBranchOrganizationId IS NOT NULL)');
    if (filter.organizationCovered === false)
      qb.andWhere('unit.organizationId IS NULL AND unit.jointBranchOrganizationId IS NULL');
  },
};

export function createUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateUnitInput,
): Promise<Unit> {
  return createRecord(dataSource, unitResource, scope, actor, input);
}

export function updateUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateUnitInput,
): Promise<Unit> {
  return updateRecord(dataSource, unitResource, scope, actor, id, input);
}

export function deleteUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Unit> {
  return deleteRecord(dataSource, unitResource, scope, actor, id);
}

export function getUnit(dataSource: DataSource, scope: DataScope, id: string): Promise<Unit> {
  return getRecord(dataSource, unitResource, scope, id);
}

export function listUnits(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<UnitFilter, UnitSortField> = {},
): Promise<Connection<Unit>> {
  return listRecords(dataSource, unitResource, scope, args);
}

/** A surveyed unit as the coverage rules see it, with the row it came from. */
export interface SurveyedUnit extends SurveyUnit {
  unit: Unit;
  inSurveyScope: boolean;
}

/**
 * The units in scope as the coverage rules see them. "Reached by an instructor": an instructor is
 * assigned (on `today`) to the unit's own or joint branch, or a building station covers its building.
 */
export async function loadSurveyUnits(
  manager: EntityManager,
  scope: DataScope,
  today: string,
): Promise<SurveyedUnit[]> {
  const settings = await loadSettings(manager);
  const units = await scopedResourceQuery(manager, unitResource, scope)
    .andWhere('unit.category IN (:...surveyed)', {
      surveyed: ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION'],
    })
    .orderBy('unit.name', 'ASC')
    .getMany();
  const assigned = new Set<string>(
    (
      await manager
        .getRepository(InstructorAssignment)
        .createQueryBuilder('assignment')
        .select('DISTINCT assignment.organizationId', 'organizationId')
        .where('assignment.fromOn <= :today AND (assignment.toOn IS NULL OR assignment.toOn >= :today)', {
          today,
        })
        .getRawMany<{ organizationId: string }>()
    ).map((row) => String(row.organizationId)),
  );
  const stationed = new Set<string>(
    (
      await manager
        .getRepository(Building)
        .createQueryBuilder('building')
        .select('building.id', 'id')
        .where('building.stationId IS NOT NULL')
        .getRawMany<{ id: string }>()
    ).map((row) => String(row.id)),
  );
  return units.map((unit) => {
    const surveyUnit: SurveyUnit = {
      category: unit.category,
      hasPremises: unit.hasPremises,
      staffCount: unit.staffCount,
      businessActive: unit.businessActive,
      hasOwnOrganization: unit.organizationId !== null,
      inJointBranch: unit.jointBranchOrganizationId !== null,
      reachedByInstructor:
        (unit.organizationId !== null && assigned.has(unit.organizationId)) ||
        (unit.jointBranchOrganizationId !== null && assigned.has(unit.jointBranchOrganizationId)) ||
        (unit.buildingId !== null && stationed.has(unit.buildingId)),
      fullMemberCount: unit.fullMemberCount,
    };
    return { ...surveyUnit, unit, inSurveyScope: isInSurveyScope(surveyUnit, settings) };
  });
}

export interface CoverageReport extends CoverageSummary {
  /** "应建未建": units with 3 or more full members and no organisation of their own. */
  unitsNeedingOwnOrganization: Unit[];
  /** Units in survey scope that neither an organisation nor an instructor reaches. */
  uncoveredUnits: Unit[];
}

/** The "两个覆盖" rates of the units in scope, and the units the console should act on. */
export async function getCoverageReport(
  dataSource: DataSource,
  scope: DataScope,
  options: { today?: string } = {},
): Promise<CoverageReport> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const manager = dataSource.manager;
  const settings = await loadSettings(manager);
  const units = await loadSurveyUnits(manager, scope, today);
  return {
    ...coverageSummary(units, settings),
    unitsNeedingOwnOrganization: unitsNeedingOwnOrganization(units).map((u) => u.unit),
    uncoveredUnits: units
      .filter((u) => u.inSurveyScope && !u.hasOwnOrganization && !u.inJointBranch && !u.reachedByInstructor)
      .map((u) => u.unit),
  };
}
