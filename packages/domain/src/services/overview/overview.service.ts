import type { DataSource, EntityManager } from 'typeorm';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Transfer } from '../../entities/transfer.entity.js';
import { Activity } from '../../entities/daily-work/activity.entity.js';
import { CommitteeSeat, Election } from '../../entities/daily-work/election.entity.js';
import { Instructor, InstructorAssignment } from '../../entities/daily-work/instructor.entity.js';
import { Staff } from '../../entities/daily-work/staff.entity.js';
import { Wish } from '../../entities/daily-work/wish.entity.js';
import { DomainError } from '../../errors/domain-error.js';
import {
  addDays,
  computeCadreStatistics,
  isDayDate,
  organizationCoverageRate,
  todayIn,
  workCoverageRate,
  type CadreStatistics,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import { isId, loadSettings, organizationInScope, scopedQuery, scopeWhere } from '../daily-work/common.js';
import { loadSurveyUnits } from '../daily-work/units.service.js';

export type { CadreStatistics };

/** The contract's SubdistrictOverview, field for field. */
export interface SubdistrictOverview {
  communityCount: number;
  memberCount: number;
  fullMemberCount: number;
  probationaryMemberCount: number;
  /** The communities' committees at their latest election. */
  committee: CadreStatistics;
  fullTimeStaffCount: number;
  /** Organisations of category NON_PUBLIC_ENTERPRISE or SOCIAL_ORGANIZATION. */
  nonPublicBranchCount: number;
  instructorCount: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  serviceActivityCount: number;
  themeEducationActivityCount: number;
  wishFulfilledCount: number;
  transfersInTransitCount: number;
  overdueTransferCount: number;
}

function checkAsOf(asOf: string | null | undefined): string | undefined {
  if (asOf === undefined || asOf === null) return undefined;
  if (!isDayDate(asOf)) {
    throw DomainError.badInput([
      { field: 'asOf', reason: 'DATE_INVALID', message: `统计日期「${asOf}」无效，格式应为 YYYY-MM-DD` },
    ]);
  }
  return asOf;
}

/**
 * The community organisations in scope: category COMMUNITY whose parent is not itself a community
 * organisation (a community's grid branches share its category).
 */
async function communityOrganizations(manager: EntityManager, scope: DataScope): Promise<Organization[]> {
  return scopedQuery(manager, Organization, 'community', 'community.id', scope)
    .leftJoin(Organization, 'parent', 'parent.id = community.parentId')
    .andWhere("community.category = 'COMMUNITY'")
    .andWhere("community.type <> 'PARTY_GROUP'")
    .andWhere("(parent.id IS NULL OR parent.category <> 'COMMUNITY')")
    .orderBy('community.sortOrder', 'ASC')
    .addOrderBy('community.upstreamId', 'ASC')
    .addOrderBy('community.id', 'ASC')
    .getMany();
}

/**
 * 换届 statistics over the seats of each organisation's latest election on or before `asOf`. When
 * `asOf` is omitted it is the day of the latest of those elections (results are reported as at the
 * election), so ages are completed years on that day; `asOf` in the result says which day was used.
 */
export async function getCadreStatistics(
  dataSource: DataSource,
  scope: DataScope,
  organizationIds: string[],
  asOf?: string | null,
): Promise<CadreStatistics> {
  return cadreStatistics(dataSource.manager, scope, organizationIds, checkAsOf(asOf));
}

async function cadreStatistics(
  manager: EntityManager,
  scope: DataScope,
  organizationIds: string[],
  asOf: string | undefined,
): Promise<CadreStatistics> {
  const ids = [...new Set(organizationIds)];
  for (const id of ids) {
    if (!isId(id)) throw DomainError.notFound('党组织', id);
    await organizationInScope(manager, scope, id);
  }
  const fallbackDay = asOf ?? todayIn('Asia/Shanghai');
  if (!ids.length) return computeCadreStatistics([], fallbackDay);
  const latest = manager
    .getRepository(Election)
    .createQueryBuilder('election')
    .where('election.organizationId IN (:...ids)', { ids })
    .andWhere(
      `election.electedOn = (SELECT MAX(later.elected_on) FROM election later
        WHERE later.organization_id = election.organization_id${asOf ? ' AND later.elected_on <= :asOf' : ''})`,
      { asOf },
    );
  const elections = await latest.getMany();
  if (!elections.length) return computeCadreStatistics([], fallbackDay);
  const day =
    asOf ??
    elections
      .map((e) => e.electedOn)
      .sort()
      .at(-1)!;
  const seats = await manager
    .getRepository(CommitteeSeat)
    .createQueryBuilder('seat')
    // A member who later left or died still sat on the committee at the election.
    .innerJoinAndSelect('seat.member', 'member')
    .withDeleted()
    .where('seat.electionId IN (:...electionIds)', { electionIds: elections.map((e) => e.id) })
    .getMany();
  return computeCadreStatistics(
    seats.map((seat) => ({
      birthDate: seat.member!.birthDate,
      education: seat.member!.education,
      gender: seat.member!.gender,
    })),
    day,
  );
}

/**
 * The subdistrict at a glance, within the scope. `asOf` fixes the day the counts are taken on
 * (activities held, staff in post, overdue transfers) and the day of the committee statistics;
 * when omitted, counts are as of today and the committee is reported as at its latest election.
 * memberCount counts members whose relation is in scope, outgoing IN_TRANSIT ones included (the
 * sender still manages them).
 */
export async function getSubdistrictOverview(
  dataSource: DataSource,
  scope: DataScope,
  asOf?: string | null,
): Promise<SubdistrictOverview> {
  const manager = dataSource.manager;
  const statsDay = checkAsOf(asOf);
  const day = statsDay ?? todayIn('Asia/Shanghai');
  const settings = await loadSettings(manager);

  const communities = await communityOrganizations(manager, scope);
  const committee = await cadreStatistics(
    manager,
    scope,
    communities.map((c) => c.id),
    statsDay,
  );

  const memberRows = await scopedQuery(manager, Member, 'member', 'member.organizationId', scope)
    .select('member.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .groupBy('member.status')
    .getRawMany<{ status: string; count: string }>();
  const memberCountOf = (status: string) => Number(memberRows.find((r) => r.status === status)?.count ?? 0);

  const fullTimeStaffCount = await scopedQuery(
    manager,
    Staff,
    'staff',
    'staff.communityOrganizationId',
    scope,
  )
    .andWhere('staff.startedOn <= :day AND (staff.endedOn IS NULL OR staff.endedOn >= :day)', { day })
    .getCount();

  const nonPublicBranchCount = await scopedQuery(manager, Organization, 'branch', 'branch.id', scope)
    .andWhere('branch.category IN (:...categories)', {
      categories: ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION'],
    })
    .andWhere("branch.type <> 'PARTY_GROUP'")
    .getCount();

  const instructorCount = await countInstructors(manager, scope, day);

  const units = await loadSurveyUnits(manager, scope, day);

  const activityRows = await scopedQuery(manager, Activity, 'activity', 'activity.organizationId', scope)
    .select('activity.kind', 'kind')
    .addSelect('COUNT(*)', 'count')
    .andWhere(statsDay ? 'activity.heldOn <= :day' : '1=1', { day })
    .groupBy('activity.kind')
    .getRawMany<{ kind: string; count: string }>();
  const activitiesOf = (...kinds: string[]) =>
    activityRows.filter((r) => kinds.includes(r.kind)).reduce((sum, r) => sum + Number(r.count), 0);

  const wishFulfilledCount = await scopedQuery(manager, Wish, 'wish', 'wish.organizationId', scope)
    .andWhere("wish.status = 'FULFILLED'")
    .andWhere(statsDay ? 'wish.fulfilledOn <= :day' : '1=1', { day })
    .getCount();

  const transfers = () => scopedQuery(manager, Transfer, 'transfer', 'transfer.organizationId', scope);
  const transfersInTransitCount = await transfers().andWhere("transfer.status = 'IN_TRANSIT'").getCount();
  // Overdue: a letter that ran out while still in transit (or already marked EXPIRED), and a
  // receipt not back within receiptDueDays of receiving the member.
  const overdueTransferCount = await transfers()
    .andWhere(
      `((transfer.status = 'IN_TRANSIT' AND transfer.letterExpiresOn < :day)
        OR transfer.status = 'EXPIRED'
        OR (transfer.status = 'RECEIVED' AND transfer.receiptOn IS NULL AND transfer.receivedOn < :receiptCutoff))`,
      { day, receiptCutoff: addDays(day, -settings.receiptDueDays) },
    )
    .getCount();

  return {
    communityCount: communities.length,
    memberCount: memberRows.reduce((sum, r) => sum + Number(r.count), 0),
    fullMemberCount: memberCountOf('FULL'),
    probationaryMemberCount: memberCountOf('PROBATIONARY'),
    committee,
    fullTimeStaffCount,
    nonPublicBranchCount,
    instructorCount,
    organizationCoverageRate: organizationCoverageRate(units, settings),
    workCoverageRate: workCoverageRate(units, settings),
    serviceActivityCount: activitiesOf('SERVICE'),
    themeEducationActivityCount: activitiesOf('THEME_EDUCATION', 'LECTURE_TOUR'),
    wishFulfilledCount,
    transfersInTransitCount,
    overdueTransferCount,
  };
}

/** Instructors appointed within the scope, or assigned on `day` to a branch within it. */
async function countInstructors(manager: EntityManager, scope: DataScope, day: string): Promise<number> {
  const appointed = await scopedQuery(manager, Instructor, 'instructor', 'instructor.organizationId', scope)
    .select('instructor.id', 'id')
    .getRawMany<{ id: string }>();
  const where = scopeWhere('org.path', scope);
  const assigned = await manager
    .getRepository(InstructorAssignment)
    .createQueryBuilder('assignment')
    .innerJoin(Instructor, 'instructor', 'instructor.id = assignment.instructorId')
    .innerJoin(Organization, 'org', 'org.id = assignment.organizationId')
    .select('DISTINCT assignment.instructorId', 'id')
    .where(where.sql, where.params)
    .andWhere('assignment.fromOn <= :day AND (assignment.toOn IS NULL OR assignment.toOn >= :day)', { day })
    .getRawMany<{ id: string }>();
  return new Set([...appointed, ...assigned].map((row) => String(row.id))).size;
}
