import { In, type DataSource } from 'typeorm';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import {
  CommitteeSeat,
  Election,
  SEAT_ROLES,
  SEAT_ROLE_LABELS,
  type SeatRole,
} from '../../entities/daily-work/election.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { termEndsOn, termYearsFor, validateCommitteeSeats } from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import { writeAudit, type Actor } from '../audit/index.js';
import {
  checkNotFuture,
  checkOptionalText,
  checkRequiredDay,
  checkRequiredEnum,
  isId,
  organizationInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  changeRecord,
  deleteRecord,
  findInScope,
  listRecords,
  writeContext,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

export interface CreateElectionInput {
  organizationId: string;
  electedOn: string;
  /** Default by the organisation's kind: community 5 years, others 3 (settings). */
  termYears?: number | null;
  note?: string | null;
}
export interface UpdateElectionInput {
  electedOn?: string;
  termYears?: number;
  note?: string | null;
}
export interface AddCommitteeSeatInput {
  electionId: string;
  memberId: string;
  role: SeatRole;
}

export interface ElectionFilter extends SubtreeFilter {
  electedFrom?: string | null;
  electedTo?: string | null;
}
export type ElectionSortField = 'ELECTED_ON' | 'TERM_ENDS_ON';

/** The seats are written through addCommitteeSeat / removeCommitteeSeat, never with the election. */
export const electionResource: Resource<Election, CreateElectionInput, ElectionFilter, ElectionSortField> = {
  entity: Election,
  entityType: 'Election',
  label: '换届记录',
  alias: 'election',
  orgIdExpression: 'election.organizationId',
  softDelete: false,
  relations: ['seats'],
  sortColumns: { ELECTED_ON: 'electedOn', TERM_ENDS_ON: 'termEndsOn' },
  defaultSort: { field: 'ELECTED_ON', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    if (checkRequiredDay(problems, 'electedOn', input.electedOn, '换届日期')) {
      checkNotFuture(problems, 'electedOn', input.electedOn, '换届日期', ctx.today);
    }
    if (
      input.termYears !== undefined &&
      input.termYears !== null &&
      (!Number.isInteger(input.termYears) || input.termYears < 1 || input.termYears > 10)
    ) {
      problems.add('termYears', 'TERM_YEARS_INVALID', '任期年限应为 1 至 10 的整数');
    }
    checkOptionalText(problems, 'note', input.note, '备注', 500);
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    const termYears = input.termYears ?? termYearsFor(organization.category, ctx.settings);
    const other = await ctx.manager
      .getRepository(Election)
      .findOneBy({ organizationId: organization.id, electedOn: input.electedOn });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(
        `「${organization.name}」在 ${input.electedOn} 已有换届记录`,
        'ELECTION_EXISTS',
        { id: other.id },
      );
    }
    return {
      organizationId: organization.id,
      electedOn: input.electedOn,
      termYears,
      termEndsOn: termEndsOn(input.electedOn, termYears),
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (filter.electedFrom)
      qb.andWhere('election.electedOn >= :electedFrom', { electedFrom: filter.electedFrom });
    if (filter.electedTo) qb.andWhere('election.electedOn <= :electedTo', { electedTo: filter.electedTo });
  },
};

/** 换届: records an election; the term defaults by the organisation's kind (termYearsFor). */
export async function createElection(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateElectionInput,
): Promise<Election> {
  return dataSource.transaction(async (manager) => {
    const ctx = await writeContext(manager, scope, actor);
    const values = await electionResource.prepare(ctx, input, null);
    const repository = manager.getRepository(Election);
    const saved = await repository.save(repository.create(values));
    await writeAudit(manager, actor, {
      action: 'CREATE',
      entityType: 'Election',
      entityId: saved.id,
      after: { ...values, id: saved.id },
    });
    return repository.findOneOrFail({ where: { id: saved.id }, relations: { seats: { member: true } } });
  });
}

/** Corrects the date, term or note of an election. */
export async function updateElection(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateElectionInput,
): Promise<Election> {
  const updated = await changeRecord(
    dataSource,
    electionResource,
    scope,
    actor,
    id,
    async (ctx, existing) => {
      return electionResource.prepare(
        ctx,
        {
          organizationId: existing.organizationId,
          electedOn: input.electedOn ?? existing.electedOn,
          // A new date keeps the term length; a new term length recomputes the end.
          termYears: input.termYears ?? existing.termYears,
          note: input.note === undefined ? existing.note : input.note,
        },
        existing,
      );
    },
  );
  return getElection(dataSource, scope, updated.id);
}

/** Removes an election with its seats (a record entered by mistake). */
export function deleteElection(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Election> {
  return deleteRecord(dataSource, electionResource, scope, actor, id);
}

/** One election with its seats and their members. */
export async function getElection(dataSource: DataSource, scope: DataScope, id: string): Promise<Election> {
  const election = await findInScope(dataSource.manager, electionResource, scope, id);
  return dataSource.manager.getRepository(Election).findOneOrFail({
    where: { id: election.id },
    relations: { seats: { member: true } },
    withDeleted: true,
    order: { seats: { sortOrder: 'ASC', id: 'ASC' } },
  });
}

export function listElections(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ElectionFilter, ElectionSortField> = {},
): Promise<Connection<Election>> {
  return listRecords(dataSource, electionResource, scope, args);
}

/**
 * A page of elections with their seats and members: the page is read in scope, then the seats of
 * all its elections in one look-up, rather than each election again on its own.
 */
export async function listElectionsWithSeats(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ElectionFilter, ElectionSortField> = {},
): Promise<Connection<Election>> {
  const page = await listElections(dataSource, scope, args);
  if (page.nodes.length === 0) return page;
  const full = await dataSource.manager.getRepository(Election).find({
    where: { id: In(page.nodes.map((election) => election.id)) },
    relations: { seats: { member: true } },
    withDeleted: true,
    order: { seats: { sortOrder: 'ASC', id: 'ASC' } },
  });
  const byId = new Map(full.map((election) => [election.id, election]));
  return { ...page, nodes: page.nodes.map((election) => byId.get(election.id) ?? election) };
}

const ROLE_ORDER: Record<SeatRole, number> = { SECRETARY: 0, DEPUTY_SECRETARY: 1, COMMITTEE_MEMBER: 2 };

/**
 * Adds a seat to an election's committee. The member must belong to the organisation's subtree, sit
 * once, and the committee must stay within the size rule for the organisation's full members
 * (支部工作条例 Art. 11); there is one secretary.
 */
export async function addCommitteeSeat(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: AddCommitteeSeatInput,
): Promise<CommitteeSeat> {
  return dataSource.transaction(async (manager) => {
    const problems = new Problems();
    checkRequiredEnum(problems, 'role', input.role, SEAT_ROLES, '职务');
    if (!isId(input.memberId)) problems.add('memberId', 'REQUIRED', '请选择党员');
    problems.throwIfAny();
    const election = await findInScope(manager, electionResource, scope, input.electionId, { lock: true });
    const ctx = await writeContext(manager, scope, actor);
    const organization = await manager
      .getRepository(Organization)
      .findOneByOrFail({ id: election.organizationId });
    const member = await manager
      .getRepository(Member)
      .createQueryBuilder('member')
      .innerJoinAndSelect('member.organization', 'memberOrg')
      .where('member.id = :id', { id: input.memberId })
      .getOne();
    if (!member || !member.organization?.path.startsWith(organization.path)) {
      throw DomainError.badInput([
        {
          field: 'memberId',
          reason: 'MEMBER_NOT_IN_ORGANIZATION',
          message: `所选党员不属于「${organization.name}」`,
        },
      ]);
    }
    const seats = await manager.getRepository(CommitteeSeat).find({ where: { electionId: election.id } });
    if (seats.some((seat) => seat.memberId === member.id)) {
      throw DomainError.conflict(`${member.name}已在本届班子中`, 'SEAT_EXISTS');
    }
    if (input.role === 'SECRETARY' && seats.some((seat) => seat.role === 'SECRETARY')) {
      throw DomainError.conflict(`本届班子已有${SEAT_ROLE_LABELS.SECRETARY}`, 'SECRETARY_EXISTS');
    }
    const fullMemberCount = await manager
      .getRepository(Member)
      .createQueryBuilder('member')
      .innerJoin('member.organization', 'memberOrg')
      .where('memberOrg.path LIKE :path', { path: `${organization.path}%` })
      .andWhere('member.status = :status', { status: 'FULL' })
      .getCount();
    const sizeProblems = validateCommitteeSeats(fullMemberCount, seats.length + 1, ctx.settings, {
      complete: false,
    });
    if (sizeProblems.length) throw DomainError.badInput(sizeProblems);
    const repository = manager.getRepository(CommitteeSeat);
    const saved = await repository.save(
      repository.create({
        electionId: election.id,
        memberId: member.id,
        role: input.role,
        sortOrder: ROLE_ORDER[input.role] * 100 + seats.length,
      }),
    );
    await writeAudit(manager, actor, {
      action: 'CREATE',
      entityType: 'CommitteeSeat',
      entityId: saved.id,
      after: {
        electionId: election.id,
        memberId: member.id,
        role: input.role,
        organizationId: organization.id,
      },
    });
    return repository.findOneOrFail({ where: { id: saved.id }, relations: { member: true } });
  });
}

/** Removes one seat (entered by mistake, or a member who left the committee). */
export async function removeCommitteeSeat(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  seatId: string,
): Promise<CommitteeSeat> {
  return dataSource.transaction(async (manager) => {
    const seat = isId(seatId) ? await manager.getRepository(CommitteeSeat).findOneBy({ id: seatId }) : null;
    if (!seat) throw DomainError.notFound('班子成员', seatId);
    await findInScope(manager, electionResource, scope, seat.electionId, { lock: true }).catch(() => {
      throw DomainError.notFound('班子成员', seatId);
    });
    await manager.getRepository(CommitteeSeat).delete(seat.id);
    await writeAudit(manager, actor, {
      action: 'DELETE',
      entityType: 'CommitteeSeat',
      entityId: seat.id,
      before: { electionId: seat.electionId, memberId: seat.memberId, role: seat.role },
    });
    return seat;
  });
}
