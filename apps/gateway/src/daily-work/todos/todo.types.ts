import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/scalars.js';
import { enumOf, registerLabelledEnum } from '../common/enums.js';

export const TODO_KINDS = [
  'TRANSFER_AWAITING_ACTION',
  'LETTER_EXPIRING',
  'RECEIPT_OVERDUE',
  'RECTIFICATION_OVERDUE',
  'CHECKLIST_ITEM_OVERDUE',
  'GUIDANCE_FOLLOW_UP_DUE',
  'TERM_ENDING',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_KIND_LABELS: Record<TodoKind, string> = {
  TRANSFER_AWAITING_ACTION: '待我办理的组织关系转接',
  LETTER_EXPIRING: '介绍信即将到期或已过期（党员尚未报到）',
  RECEIPT_OVERDUE: '回执逾期未寄回',
  RECTIFICATION_OVERDUE: '问题清单整改逾期',
  CHECKLIST_ITEM_OVERDUE: '其他清单事项逾期未销号',
  GUIDANCE_FOLLOW_UP_DUE: '指导发现问题的整改即将到期或已逾期',
  TERM_ENDING: '班子任期即将届满或已届满，应当换届',
};

export const TodoKindEnum = enumOf(TODO_KINDS);
registerLabelledEnum(TodoKindEnum, 'TodoKind', '待办事项的类别', TODO_KIND_LABELS);

@ObjectType({ description: '一项待办：做什么、何时到期、在控制台哪里办理' })
export class TodoItem {
  @Field(() => TodoKindEnum)
  kind!: TodoKind;

  @Field(() => String, { description: '一句话说明，如「回执逾期未寄回：张三（2026-10-08 接收）」' })
  title!: string;

  @Field(() => DateScalar, { nullable: true, description: '到期日' })
  dueOn!: string | null;

  @Field(() => Boolean, { description: '已过到期日' })
  overdue!: boolean;

  @Field(() => String, { description: '控制台中办理它的地址，如 /transfers?id=12' })
  route!: string;

  @Field(() => String, { description: '记录类型：Transfer、ChecklistItem、GuidanceVisit、Election' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;
}

@ObjectType({ description: '一类待办的件数' })
export class TodoKindCount {
  @Field(() => TodoKindEnum)
  kind!: TodoKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '当前用户数据范围内的待办汇总' })
export class TodoSummary {
  @Field(() => Int, { description: '待办总件数' })
  total!: number;

  @Field(() => [TodoKindCount], { description: '各类待办件数（有待办的类别）' })
  counts!: TodoKindCount[];

  @Field(() => [TodoItem], { description: '待办事项，已逾期的在前，再按到期日' })
  items!: TodoItem[];
}
