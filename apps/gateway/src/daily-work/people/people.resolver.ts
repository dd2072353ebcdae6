import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  completeGuidanceFollowUp,
  createGuidanceVisit,
  createInstructor,
  createInstructorAssignment,
  createStaff,
  deleteGuidanceVisit,
  deleteInstructor,
  deleteInstructorAssignment,
  deleteStaff,
  endInstructorAssignment,
  getGuidanceBoard,
  getGuidanceVisit,
  getInstructor,
  getInstructorAssignment,
  getStaff,
  GUIDANCE_ITEMS,
  listGuidanceVisits,
  listInstructorAssignments,
  listInstructors,
  listStaff,
  Permission,
  updateGuidanceVisit,
  updateInstructor,
  updateInstructorAssignment,
  updateStaff,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Member, toMemberNode } from '../../member/member.types.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf, personName, workLoaders } from '../common/loaders.js';
import {
  CreateGuidanceVisitInput,
  GuidanceBoard,
  GuidanceVisit,
  GuidanceVisitConnection,
  GuidanceVisitFilter,
  GuidanceVisitItem,
  GuidanceVisitSortFieldEnum,
  toGuidanceItems,
  toGuidanceVisitNode,
  UpdateGuidanceVisitInput,
} from './guidance.types.js';
import {
  CreateInstructorAssignmentInput,
  CreateInstructorInput,
  CreateStaffInput,
  Instructor,
  InstructorAssignment,
  InstructorAssignmentConnection,
  InstructorAssignmentFilter,
  InstructorAssignmentSortFieldEnum,
  InstructorConnection,
  InstructorFilter,
  InstructorSortFieldEnum,
  Staff,
  StaffConnection,
  StaffFilter,
  StaffSortFieldEnum,
  toInstructorAssignmentNode,
  toInstructorNode,
  toStaffNode,
  UpdateInstructorAssignmentInput,
  UpdateInstructorInput,
  UpdateStaffInput,
} from './people.types.js';

@Resolver(() => Staff)
export class StaffResolver extends crudResolver({
  names: { list: 'staff', one: 'staffMember', create: 'createStaff', update: 'updateStaff', remove: 'deleteStaff' },
  label: '党建专职工作人员',
  node: Staff,
  connection: StaffConnection,
  filter: StaffFilter,
  createInput: CreateStaffInput,
  updateInput: UpdateStaffInput,
  sortEnum: StaffSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toStaffNode,
  list: (deps, scope, args) => listStaff(deps.dataSource, scope, args),
  get: (deps, scope, id) => getStaff(deps.dataSource, scope, id),
  create: (deps, caller, input) => createStaff(deps.dataSource, caller.scope, caller.actor, input, deps.cipher),
  update: (deps, caller, id, input) => updateStaff(deps.dataSource, caller.scope, caller.actor, id, input, deps.cipher),
  remove: (deps, caller, id) => deleteStaff(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true })
  communityOrganization(@Parent() staff: Staff, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, staff.communityOrganizationId);
  }

  @ResolveField(() => Member, { nullable: true, description: '本人的党员记录（不在数据范围内时为空）' })
  async member(@Parent() staff: Staff, @Ctx() ctx: GqlContext) {
    if (!staff.memberId) return null;
    const member = await ctx.loaders.member.load(staff.memberId);
    return member ? toMemberNode(member, ctx.principal) : null;
  }
}

@Resolver(() => Instructor)
export class InstructorResolver extends crudResolver({
  names: { list: 'instructors', one: 'instructor', create: 'createInstructor', update: 'updateInstructor', remove: 'deleteInstructor' },
  label: '党建指导员',
  node: Instructor,
  connection: InstructorConnection,
  filter: InstructorFilter,
  createInput: CreateInstructorInput,
  updateInput: UpdateInstructorInput,
  sortEnum: InstructorSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toInstructorNode,
  list: (deps, scope, args) => listInstructors(deps.dataSource, scope, args),
  get: (deps, scope, id) => getInstructor(deps.dataSource, scope, id),
  create: (deps, caller, input) => createInstructor(deps.dataSource, caller.scope, caller.actor, input, deps.cipher),
  update: (deps, caller, id, input) => updateInstructor(deps.dataSource, caller.scope, caller.actor, id, input, deps.cipher),
  remove: (deps, caller, id) => deleteInstructor(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true, description: '选派的党组织' })
  organization(@Parent() instructor: Instructor, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, instructor.organizationId);
  }
}

@Resolver(() => InstructorAssignment)
export class InstructorAssignmentResolver extends crudResolver({
  names: {
    list: 'instructorAssignments',
    one: 'instructorAssignment',
    create: 'createInstructorAssignment',
    update: 'updateInstructorAssignment',
    remove: 'deleteInstructorAssignment',
  },
  label: '指导员分工',
  node: InstructorAssignment,
  connection: InstructorAssignmentConnection,
  filter: InstructorAssignmentFilter,
  createInput: CreateInstructorAssignmentInput,
  updateInput: UpdateInstructorAssignmentInput,
  sortEnum: InstructorAssignmentSortFieldEnum,
  defaultSort: { field: 'FROM_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toInstructorAssignmentNode,
  list: (deps, scope, args) => listInstructorAssignments(deps.dataSource, scope, args),
  get: (deps, scope, id) => getInstructorAssignment(deps.dataSource, scope, id),
  create: (deps, caller, input) => createInstructorAssignment(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateInstructorAssignment(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteInstructorAssignment(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Mutation(() => InstructorAssignment, { description: '结束一项指导分工（指导员交接）' })
  @Allow(Permission.MANAGE_WORK)
  async endInstructorAssignment(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('toOn', { type: () => DateScalar, description: '最后一天' }) toOn: string,
  ): Promise<InstructorAssignment> {
    const deps = this.deps();
    return toInstructorAssignmentNode(await endInstructorAssignment(deps.dataSource, ctx.scope, ctx.actor, id, toOn), ctx, deps);
  }

  @ResolveField(() => Instructor, { nullable: true, description: '指导员（不在数据范围内时为空）' })
  async instructor(@Parent() assignment: InstructorAssignment, @Ctx() ctx: GqlContext) {
    const instructor = await workLoaders(ctx, () => this.database.dataSource).instructor.load(assignment.instructorId);
    return instructor ? toInstructorNode(instructor, ctx) : null;
  }

  @ResolveField(() => Organization, { nullable: true, description: '被指导的支部' })
  organization(@Parent() assignment: InstructorAssignment, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, assignment.organizationId);
  }
}

@Resolver(() => GuidanceVisit)
export class GuidanceVisitResolver extends crudResolver({
  names: {
    list: 'guidanceVisits',
    one: 'guidanceVisit',
    create: 'createGuidanceVisit',
    update: 'updateGuidanceVisit',
    remove: 'deleteGuidanceVisit',
  },
  label: '指导记录',
  node: GuidanceVisit,
  connection: GuidanceVisitConnection,
  filter: GuidanceVisitFilter,
  createInput: CreateGuidanceVisitInput,
  updateInput: UpdateGuidanceVisitInput,
  sortEnum: GuidanceVisitSortFieldEnum,
  defaultSort: { field: 'VISITED_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toGuidanceVisitNode,
  list: (deps, scope, args) => listGuidanceVisits(deps.dataSource, scope, { ...args, filter: { ...args.filter, today: deps.today } }),
  get: (deps, scope, id) => getGuidanceVisit(deps.dataSource, scope, id),
  create: (deps, caller, input) => createGuidanceVisit(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateGuidanceVisit(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteGuidanceVisit(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Mutation(() => GuidanceVisit, { description: '记录指导发现问题的整改已经完成' })
  @Allow(Permission.MANAGE_WORK)
  async completeGuidanceFollowUp(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('doneOn', { type: () => DateScalar, nullable: true, description: '完成日期，默认今天' }) doneOn: string | null,
  ): Promise<GuidanceVisit> {
    const deps = this.deps();
    const visit = await completeGuidanceFollowUp(deps.dataSource, ctx.scope, ctx.actor, id, doneOn ?? deps.today);
    return toGuidanceVisitNode(visit, ctx, deps);
  }

  @Query(() => GuidanceBoard, { description: '指导看板：各受指导支部四项指导事项的最新情况和逾期整改（数据范围内）' })
  @Allow(Permission.READ)
  async guidanceBoard(@Ctx() ctx: GqlContext): Promise<GuidanceBoard> {
    const deps = this.deps();
    const board = await getGuidanceBoard(deps.dataSource, ctx.scope, { today: deps.today });
    return {
      today: board.today,
      rows: board.rows.map((row) => ({
        ...row,
        instructorNames: row.instructorNames.map((name) => personName(name, ctx.principal)),
        items: GUIDANCE_ITEMS.map((item) => {
          const cell = row.items[item];
          return { item, state: cell?.state ?? null, visitedOn: cell?.visitedOn ?? null, note: cell?.note ?? null };
        }),
      })),
      overdueFollowUps: board.overdueFollowUps.map((followUp) => ({
        ...followUp,
        instructorName: personName(followUp.instructorName, ctx.principal),
      })),
    };
  }

  @ResolveField(() => [GuidanceVisitItem], { description: '四项指导事项的落实情况' })
  async items(@Parent() visit: GuidanceVisit, @Ctx() ctx: GqlContext): Promise<GuidanceVisitItem[]> {
    if (visit.itemRows) return visit.itemRows;
    const loaded = await workLoaders(ctx, () => this.database.dataSource).guidanceVisit.load(visit.id);
    return (loaded && toGuidanceItems(loaded)) ?? [];
  }

  @ResolveField(() => Organization, { nullable: true, description: '被指导的支部' })
  organization(@Parent() visit: GuidanceVisit, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, visit.organizationId);
  }

  @ResolveField(() => Instructor, { nullable: true, description: '指导员（不在数据范围内时为空）' })
  async instructor(@Parent() visit: GuidanceVisit, @Ctx() ctx: GqlContext) {
    const instructor = await workLoaders(ctx, () => this.database.dataSource).instructor.load(visit.instructorId);
    return instructor ? toInstructorNode(instructor, ctx) : null;
  }
}
