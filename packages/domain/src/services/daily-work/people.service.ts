import type { DataSource } from 'typeorm';
import { EDUCATIONS, GENDERS, Member } from '../../entities/member.entity.js';
import { User } from '../../entities/user.entity.js';
import { Instructor, InstructorAssignment } from '../../entities/daily-work/instructor.entity.js';
import { Staff } from '../../entities/daily-work/staff.entity.js';
import type { PiiCipher } from '../../crypto/pii-cipher.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { checkDateOrder, checkRequiredText, maskPhone, validatePhone } from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkEnum,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredDay,
  isId,
  organizationInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  changeRecord,
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
  type WriteContext,
} from './resource.js';

/**
 * A phone number given in a form: validated, then stored encrypted with a masked copy. `undefined`
 * keeps what is stored; null or '' clears it.
 */
function sealPhone(
  ctx: WriteContext,
  problems: Problems,
  field: string,
  phone: string | null | undefined,
): { cipher: string | null; masked: string | null } | undefined {
  if (phone === undefined) return undefined;
  if (phone === null || phone.trim() === '') return { cipher: null, masked: null };
  const result = validatePhone(phone);
  if (!result.valid) {
    problems.add(field, result.reason, result.message);
    return undefined;
  }
  if (!ctx.cipher) throw new Error('a PiiCipher is needed to store a phone number');
  return { cipher: ctx.cipher.encrypt(result.value), masked: maskPhone(result.value) };
}

// ---------------------------------------------------------------- full-time staff (党建专职工作人员)

export interface CreateStaffInput {
  communityOrganizationId: string;
  name: string;
  gender?: (typeof GENDERS)[number] | null;
  birthDate?: string | null;
  education?: (typeof EDUCATIONS)[number] | null;
  /** Plain; stored encrypted and masked. */
  phone?: string | null;
  memberId?: string | null;
  startedOn: string;
  endedOn?: string | null;
}
export type UpdateStaffInput = Partial<CreateStaffInput>;
export interface StaffFilter extends SubtreeFilter {
  /** In post on this day (default: any). */
  activeOn?: string | null;
  search?: string | null;
}
export type StaffSortField = 'NAME' | 'STARTED_ON';

export const staffResource: Resource<Staff, CreateStaffInput, StaffFilter, StaffSortField> = {
  entity: Staff,
  entityType: 'Staff',
  label: '专职工作人员',
  alias: 'staff',
  orgIdExpression: 'staff.communityOrganizationId',
  softDelete: true,
  auditOmit: ['phoneCipher'],
  sortColumns: { NAME: 'name', STARTED_ON: 'startedOn' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '姓名', 50);
    checkEnum(problems, 'gender', input.gender, GENDERS, '性别');
    checkEnum(problems, 'education', input.education, EDUCATIONS, '学历');
    checkOptionalDay(problems, 'birthDate', input.birthDate, '出生日期');
    if (checkRequiredDay(problems, 'startedOn', input.startedOn, '到岗日期')) {
      checkDateOrder(problems, 'startedOn', input.startedOn, 'endedOn', input.endedOn, {
        start: '到岗日期',
        end: '离岗日期',
      });
    }
    const phone = sealPhone(ctx, problems, 'phone', input.phone);
    problems.throwIfAny();
    const community = await organizationInScope(ctx.manager, ctx.scope, input.communityOrganizationId);
    if (community.category !== 'COMMUNITY') {
      throw DomainError.badInput([
        {
          field: 'communityOrganizationId',
          reason: 'NOT_A_COMMUNITY',
          message: `「${community.name}」不是社区党组织`,
        },
      ]);
    }
    if (
      input.memberId &&
      !(isId(input.memberId) && (await ctx.manager.getRepository(Member).existsBy({ id: input.memberId })))
    ) {
      throw DomainError.badInput([
        { field: 'memberId', reason: 'MEMBER_NOT_FOUND', message: '所选党员不存在' },
      ]);
    }
    const other = await ctx.manager.getRepository(Staff).findOne({
      where: { communityOrganizationId: community.id, name: input.name.trim() },
      withDeleted: true,
    });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(
        `「${community.name}」已有名为${input.name.trim()}的专职工作人员`,
        'STAFF_EXISTS',
        { id: other.id },
      );
    }
    return {
      communityOrganizationId: community.id,
      name: input.name.trim(),
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      education: input.education ?? null,
      memberId: input.memberId ?? null,
      startedOn: input.startedOn,
      endedOn: input.endedOn ?? null,
      ...(phone ? { phoneCipher: phone.cipher, phoneMasked: phone.masked } : {}),
    };
  },
  applyFilter(qb, filter) {
    if (filter.activeOn) {
      qb.andWhere('staff.startedOn <= :activeOn AND (staff.endedOn IS NULL OR staff.endedOn >= :activeOn)', {
        activeOn: filter.activeOn,
      });
    }
    const search = text(filter.search);
    if (search) qb.andWhere('staff.name LIKE :search', { search: `%${search}%` });
  },
};

export function createStaff(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateStaffInput,
  cipher: PiiCipher | null = null,
): Promise<Staff> {
  return createRecord(dataSource, staffResource, scope, actor, input, { cipher });
}

export function updateStaff(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateStaffInput,
  cipher: PiiCipher | null = null,
): Promise<Staff> {
  return updateRecord(dataSource, staffResource, scope, actor, id, input, { cipher });
}

export function deleteStaff(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Staff> {
  return deleteRecord(dataSource, staffResource, scope, actor, id);
}

export function getStaff(dataSource: DataSource, scope: DataScope, id: string): Promise<Staff> {
  return getRecord(dataSource, staffResource, scope, id);
}

export function listStaff(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<StaffFilter, StaffSortField> = {},
): Promise<Connection<Staff>> {
  return listRecords(dataSource, staffResource, scope, args);
}

// ---------------------------------------------------------------- instructors (党建指导员)

export interface CreateInstructorInput {
  /** The appointing organisation (usually the working committee). */
  organizationId: string;
  name: string;
  phone?: string | null;
  userId?: string | null;
  title?: string | null;
}
export type UpdateInstructorInput = Partial<CreateInstructorInput>;
export interface InstructorFilter extends SubtreeFilter {
  search?: string | null;
}
export type InstructorSortField = 'NAME' | 'CREATED_AT';

export const instructorResource: Resource<
  Instructor,
  CreateInstructorInput,
  InstructorFilter,
  InstructorSortField
> = {
  entity: Instructor,
  entityType: 'Instructor',
  label: '党建指导员',
  alias: 'instructor',
  orgIdExpression: 'instructor.organizationId',
  softDelete: true,
  auditOmit: ['phoneCipher'],
  sortColumns: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '姓名', 50);
    checkOptionalText(problems, 'title', input.title, '职务', 100);
    const phone = sealPhone(ctx, problems, 'phone', input.phone);
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (
      input.userId &&
      !(isId(input.userId) && (await ctx.manager.getRepository(User).existsBy({ id: input.userId })))
    ) {
      throw DomainError.badInput([{ field: 'userId', reason: 'USER_NOT_FOUND', message: '所选账号不存在' }]);
    }
    const other = await ctx.manager
      .getRepository(Instructor)
      .findOne({ where: { organizationId: organization.id, name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为${input.name.trim()}的党建指导员`, 'INSTRUCTOR_EXISTS', {
        id: other.id,
      });
    }
    return {
      organizationId: organization.id,
      name: input.name.trim(),
      userId: input.userId ?? null,
      title: text(input.title),
      ...(phone ? { phoneCipher: phone.cipher, phoneMasked: phone.masked } : {}),
    };
  },
  applyFilter(qb, filter) {
    const search = text(filter.search);
    if (search) qb.andWhere('instructor.name LIKE :search', { search: `%${search}%` });
  },
};

export function createInstructor(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateInstructorInput,
  cipher: PiiCipher | null = null,
): Promise<Instructor> {
  return createRecord(dataSource, instructorResource, scope, actor, input, { cipher });
}

export function updateInstructor(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateInstructorInput,
  cipher: PiiCipher | null = null,
): Promise<Instructor> {
  return updateRecord(dataSource, instructorResource, scope, actor, id, input, { cipher });
}

export function deleteInstructor(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Instructor> {
  return deleteRecord(dataSource, instructorResource, scope, actor, id);
}

export function getInstructor(dataSource: DataSource, scope: DataScope, id: string): Promise<Instructor> {
  return getRecord(dataSource, instructorResource, scope, id);
}

export function listInstructors(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<InstructorFilter, InstructorSortField> = {},
): Promise<Connection<Instructor>> {
  return listRecords(dataSource, instructorResource, scope, args);
}

// ---------------------------------------------------------------- instructor ↔ branch

/** The branches an instructor guides: non-public, social-organisation and building branches. */
export const GUIDED_ORGANIZATION_CATEGORIES = [
  'NON_PUBLIC_ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'BUILDING',
] as const;

export interface CreateInstructorAssignmentInput {
  instructorId: string;
  /** The branch guided. */
  organizationId: string;
  fromOn: string;
  toOn?: string | null;
}
export type UpdateInstructorAssignmentInput = Partial<
  Pick<CreateInstructorAssignmentInput, 'fromOn' | 'toOn'>
>;
export interface InstructorAssignmentFilter extends SubtreeFilter {
  instructorId?: string | null;
  /** Assigned on this day. */
  activeOn?: string | null;
}
export type InstructorAssignmentSortField = 'FROM_ON';

export const instructorAssignmentResource: Resource<
  InstructorAssignment,
  CreateInstructorAssignmentInput,
  InstructorAssignmentFilter,
  InstructorAssignmentSortField
> = {
  entity: InstructorAssignment,
  entityType: 'InstructorAssignment',
  label: '指导员分工',
  alias: 'assignment',
  orgIdExpression: 'assignment.organizationId',
  softDelete: false,
  relations: ['instructor'],
  sortColumns: { FROM_ON: 'fromOn' },
  defaultSort: { field: 'FROM_ON', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    if (!isId(input.instructorId)) problems.add('instructorId', 'REQUIRED', '请选择党建指导员');
    if (checkRequiredDay(problems, 'fromOn', input.fromOn, '开始日期')) {
      checkDateOrder(problems, 'fromOn', input.fromOn, 'toOn', input.toOn, {
        start: '开始日期',
        end: '结束日期',
      });
    }
    problems.throwIfAny();
    const branch = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (!(GUIDED_ORGANIZATION_CATEGORIES as readonly string[]).includes(branch.category)) {
      throw DomainError.badInput([
        {
          field: 'organizationId',
          reason: 'NOT_A_GUIDED_BRANCH',
          message: `党建指导员只指导非公企业、社会组织和楼宇党组织，「${branch.name}」不属于这类组织`,
        },
      ]);
    }
    const instructor = await ctx.manager.getRepository(Instructor).findOneBy({ id: input.instructorId });
    if (!instructor)
      throw DomainError.badInput([
        { field: 'instructorId', reason: 'INSTRUCTOR_NOT_FOUND', message: '所选党建指导员不存在' },
      ]);
    const overlapping = await ctx.manager
      .getRepository(InstructorAssignment)
      .createQueryBuilder('a')
      .where('a.instructorId = :instructorId AND a.organizationId = :organizationId', {
        instructorId: instructor.id,
        organizationId: branch.id,
      })
      .andWhere('(a.toOn IS NULL OR a.toOn >= :fromOn)', { fromOn: input.fromOn })
      .andWhere(input.toOn ? 'a.fromOn <= :toOn' : '1=1', { toOn: input.toOn })
      .andWhere(existing ? 'a.id <> :self' : '1=1', { self: existing?.id })
      .getOne();
    if (overlapping) {
      throw DomainError.conflict(
        `${instructor.name}在这段时间已负责指导「${branch.name}」`,
        'ASSIGNMENT_OVERLAPS',
        { id: overlapping.id },
      );
    }
    return {
      instructorId: instructor.id,
      organizationId: branch.id,
      fromOn: input.fromOn,
      toOn: input.toOn ?? null,
    };
  },
  applyFilter(qb, filter) {
    if (filter.instructorId)
      qb.andWhere('assignment.instructorId = :instructorId', { instructorId: filter.instructorId });
    if (filter.activeOn) {
      qb.andWhere(
        'assignment.fromOn <= :activeOn AND (assignment.toOn IS NULL OR assignment.toOn >= :activeOn)',
        {
          activeOn: filter.activeOn,
        },
      );
    }
  },
};

export function createInstructorAssignment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateInstructorAssignmentInput,
): Promise<InstructorAssignment> {
  return createRecord(dataSource, instructorAssignmentResource, scope, actor, input);
}

export function updateInstructorAssignment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateInstructorAssignmentInput,
): Promise<InstructorAssignment> {
  return updateRecord(dataSource, instructorAssignmentResource, scope, actor, id, input);
}

/** Ends an assignment on `toOn` (the instructor hands the branch over). */
export function endInstructorAssignment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  toOn: string,
): Promise<InstructorAssignment> {
  return changeRecord(dataSource, instructorAssignmentResource, scope, actor, id, (_ctx, existing) => {
    const problems = new Problems();
    if (checkRequiredDay(problems, 'toOn', toOn, '结束日期')) {
      checkDateOrder(problems, 'fromOn', existing.fromOn, 'toOn', toOn, {
        start: '开始日期',
        end: '结束日期',
      });
    }
    problems.throwIfAny();
    return { toOn };
  });
}

export function deleteInstructorAssignment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<InstructorAssignment> {
  return deleteRecord(dataSource, instructorAssignmentResource, scope, actor, id);
}

export function getInstructorAssignment(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<InstructorAssignment> {
  return getRecord(dataSource, instructorAssignmentResource, scope, id);
}

export function listInstructorAssignments(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<InstructorAssignmentFilter, InstructorAssignmentSortField> = {},
): Promise<Connection<InstructorAssignment>> {
  return listRecords(dataSource, instructorAssignmentResource, scope, args);
}
