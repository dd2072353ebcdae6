import type { DataSource } from 'typeorm';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import type { Attachment } from '../../entities/daily-work/checklist-item.entity.js';
import { CommitteeSeat, Election } from '../../entities/daily-work/election.entity.js';
import { Meeting, type Absentee } from '../../entities/daily-work/meeting.entity.js';
import { Problems } from '../../errors/domain-error.js';
import {
  MEETING_TYPES,
  addMonths,
  addDays,
  assemblyHasQuorum,
  branchComplianceCalendar,
  todayIn,
  validateAttendance,
  type ComplianceEntry,
  type MeetingType,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkNotFuture,
  checkOptionalText,
  checkRequiredDay,
  checkRequiredEnum,
  loadSettings,
  organizationInScope,
  scopedQuery,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import { checkAttachments } from './lists.service.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

export interface CreateMeetingInput {
  type: MeetingType;
  organizationId: string;
  heldOn: string;
  topic?: string | null;
  place?: string | null;
  chair?: string | null;
  recorder?: string | null;
  /** 应到 */
  expectedCount: number;
  /** 实到 */
  attendedCount: number;
  /** Members with voting rights, for a branch assembly's quorum. */
  votingMemberCount?: number | null;
  absentees?: Absentee[] | null;
  agenda?: string | null;
  resolutions?: string | null;
  attachments?: Attachment[] | null;
}
export type UpdateMeetingInput = Partial<CreateMeetingInput>;
export interface MeetingFilter extends SubtreeFilter {
  type?: MeetingType[] | null;
  heldFrom?: string | null;
  heldTo?: string | null;
}
export type MeetingSortField = 'HELD_ON';

export const meetingResource: Resource<Meeting, CreateMeetingInput, MeetingFilter, MeetingSortField> = {
  entity: Meeting,
  entityType: 'Meeting',
  label: '组织生活记录',
  alias: 'meeting',
  orgIdExpression: 'meeting.organizationId',
  softDelete: true,
  sortColumns: { HELD_ON: 'heldOn' },
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'type', input.type, MEETING_TYPES, '会议类型');
    if (checkRequiredDay(problems, 'heldOn', input.heldOn, '召开日期')) {
      checkNotFuture(problems, 'heldOn', input.heldOn, '召开日期', ctx.today);
    }
    checkOptionalText(problems, 'topic', input.topic, '主题', 200);
    checkOptionalText(problems, 'place', input.place, '地点', 100);
    checkOptionalText(problems, 'chair', input.chair, '主持人', 50);
    checkOptionalText(problems, 'recorder', input.recorder, '记录人', 50);
    checkOptionalText(problems, 'agenda', input.agenda, '议程', 10_000);
    checkOptionalText(problems, 'resolutions', input.resolutions, '决议', 10_000);
    const attendance = validateAttendance(input.expectedCount, input.attendedCount);
    for (const problem of attendance) problems.add(problem.field, problem.reason, problem.message);
    const absentees: Absentee[] = [];
    (input.absentees ?? []).forEach((absentee, index) => {
      const name = typeof absentee?.name === 'string' ? absentee.name.trim() : '';
      const reason = typeof absentee?.reason === 'string' ? absentee.reason.trim() : '';
      if (!name) problems.add(`absentees[${index}].name`, 'REQUIRED', '请填写缺席人员姓名');
      else if (!reason) problems.add(`absentees[${index}].reason`, 'REQUIRED', `请填写${name}的缺席原因`);
      else absentees.push({ name, reason });
    });
    if (!attendance.length && absentees.length > input.expectedCount - input.attendedCount) {
      problems.add(
        'absentees',
        'ABSENTEES_EXCEED',
        `缺席名单（${absentees.length} 人）多于应到与实到之差（${input.expectedCount - input.attendedCount} 人）`,
      );
    }
    const voting = input.votingMemberCount;
    if (voting !== undefined && voting !== null && (!Number.isInteger(voting) || voting < 0)) {
      problems.add('votingMemberCount', 'ATTENDANCE_INVALID', '有表决权的党员人数应为不小于 0 的整数');
    }
    // A branch assembly decides only when more than half of the members with voting rights attend.
    if (
      input.type === 'BRANCH_ASSEMBLY' &&
      text(input.resolutions) &&
      typeof voting === 'number' &&
      voting > 0 &&
      !attendance.length &&
      !assemblyHasQuorum(input.attendedCount, voting)
    ) {
      problems.add(
        'resolutions',
        'QUORUM_NOT_MET',
        `到会 ${input.attendedCount} 人，未超过有表决权党员（${voting} 人）的半数，支部党员大会不能作出决议`,
      );
    }
    const attachments = checkAttachments(problems, 'attachments', input.attachments);
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    return {
      type: input.type,
      organizationId: organization.id,
      heldOn: input.heldOn,
      topic: text(input.topic),
      place: text(input.place),
      chair: text(input.chair),
      recorder: text(input.recorder),
      expectedCount: input.expectedCount,
      attendedCount: input.attendedCount,
      votingMemberCount: voting ?? null,
      absentees,
      agenda: text(input.agenda),
      resolutions: text(input.resolutions),
      attachments,
    };
  },
  applyFilter(qb, filter) {
    if (filter.type?.length) qb.andWhere('meeting.type IN (:...types)', { types: filter.type });
    if (filter.heldFrom) qb.andWhere('meeting.heldOn >= :heldFrom', { heldFrom: filter.heldFrom });
    if (filter.heldTo) qb.andWhere('meeting.heldOn <= :heldTo', { heldTo: filter.heldTo });
  },
};

export function createMeeting(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateMeetingInput,
): Promise<Meeting> {
  return createRecord(dataSource, meetingResource, scope, actor, input);
}

export function updateMeeting(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateMeetingInput,
): Promise<Meeting> {
  return updateRecord(dataSource, meetingResource, scope, actor, id, input);
}

export function deleteMeeting(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Meeting> {
  return deleteRecord(dataSource, meetingResource, scope, actor, id);
}

export function getMeeting(dataSource: DataSource, scope: DataScope, id: string): Promise<Meeting> {
  return getRecord(dataSource, meetingResource, scope, id);
}

export function listMeetings(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<MeetingFilter, MeetingSortField> = {},
): Promise<Connection<Meeting>> {
  return listRecords(dataSource, meetingResource, scope, args);
}

/** The organisation types measured on organisational life. */
const MEASURED_TYPES = ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'] as const;

export interface BranchCompliance {
  organizationId: string;
  organizationName: string;
  hasCommittee: boolean;
  hasGroups: boolean;
  entries: ComplianceEntry[];
  metCount: number;
  openCount: number;
  missedCount: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  today: string;
  branches: BranchCompliance[];
}

/**
 * 组织生活 compliance per branch × meeting type × period over `from`..`to` (default the last 12
 * months): green (MET), amber (OPEN: period not over), red (MISSED). Committee meetings count only
 * for branches with a committee (3 or more seats at the latest election), group meetings only for
 * branches with Party groups.
 */
export async function getMeetingCompliance(
  dataSource: DataSource,
  scope: DataScope,
  options: { from?: string; to?: string; today?: string; organizationId?: string } = {},
): Promise<ComplianceReport> {
  const manager = dataSource.manager;
  const today = options.today ?? todayIn('Asia/Shanghai');
  const to = options.to ?? today;
  const from = options.from ?? addDays(addMonths(to, -12), 1);
  const settings = await loadSettings(manager);
  const qb = scopedQuery(manager, Organization, 'branch', 'branch.id', scope).andWhere(
    'branch.type IN (:...types)',
    {
      types: [...MEASURED_TYPES],
    },
  );
  if (options.organizationId) {
    const root = await organizationInScope(manager, scope, options.organizationId);
    qb.andWhere('branch.path LIKE :root', { root: `${root.path}%` });
  }
  const branches = await qb.orderBy('branch.path', 'ASC').getMany();
  if (!branches.length) return { from, to, today, branches: [] };
  const ids = branches.map((b) => b.id);
  const meetings = await manager
    .getRepository(Meeting)
    .createQueryBuilder('meeting')
    .select(['meeting.organizationId', 'meeting.type', 'meeting.heldOn'])
    .where('meeting.organizationId IN (:...ids)', { ids })
    .andWhere('meeting.heldOn BETWEEN :from AND :to', { from, to })
    .getMany();
  const groupParents = new Set(
    (
      await manager
        .getRepository(Organization)
        .createQueryBuilder('g')
        .select('DISTINCT g.parentId', 'parentId')
        .where("g.type = 'PARTY_GROUP' AND g.parentId IN (:...ids)", { ids })
        .getRawMany<{ parentId: string }>()
    ).map((row) => String(row.parentId)),
  );
  const seatCounts = await manager
    .getRepository(Election)
    .createQueryBuilder('election')
    .innerJoin(CommitteeSeat, 'seat', 'seat.electionId = election.id')
    .select('election.organizationId', 'organizationId')
    .addSelect('COUNT(seat.id)', 'seats')
    .where('election.organizationId IN (:...ids)', { ids })
    .andWhere(
      'election.electedOn = (SELECT MAX(latest.elected_on) FROM election latest WHERE latest.organization_id = election.organization_id AND latest.elected_on <= :to)',
      { to },
    )
    .groupBy('election.organizationId')
    .getRawMany<{ organizationId: string; seats: string }>();
  const seatsOf = new Map(seatCounts.map((row) => [String(row.organizationId), Number(row.seats)]));
  return {
    from,
    to,
    today,
    branches: branches.map((branch) => {
      const shape = {
        hasCommittee: (seatsOf.get(branch.id) ?? 0) >= 3,
        hasGroups: groupParents.has(branch.id),
      };
      const byType: Partial<Record<MeetingType, string[]>> = {};
      for (const meeting of meetings) {
        if (meeting.organizationId !== branch.id) continue;
        (byType[meeting.type] ??= []).push(meeting.heldOn);
      }
      const entries = branchComplianceCalendar(shape, from, to, byType, today, settings);
      return {
        organizationId: branch.id,
        organizationName: branch.name,
        ...shape,
        entries,
        metCount: entries.filter((e) => e.status === 'MET').length,
        openCount: entries.filter((e) => e.status === 'OPEN').length,
        missedCount: entries.filter((e) => e.status === 'MISSED').length,
      };
    }),
  };
}

/** Members with voting rights (full members) of a branch today: the default for a new assembly's quorum. */
export async function countVotingMembers(
  dataSource: DataSource,
  scope: DataScope,
  organizationId: string,
): Promise<number> {
  const organization = await organizationInScope(dataSource.manager, scope, organizationId);
  return dataSource.manager
    .getRepository(Member)
    .countBy({ organizationId: organization.id, status: 'FULL' });
}
