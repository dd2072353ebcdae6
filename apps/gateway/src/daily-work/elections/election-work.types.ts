import { Field, InputType, Int } from '@nestjs/graphql';
import { electionResource, type ElectionSortField } from '@dangjian/domain';
import { Election } from '../../election/election.types.js';
import { DateScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { enumOf, registerLabelledEnum } from '../common/enums.js';

export const ElectionSortFieldEnum = enumOf(Object.keys(electionResource.sortColumns) as ElectionSortField[]);
registerLabelledEnum(ElectionSortFieldEnum, 'ElectionSortField', '换届记录的排序字段', { ELECTED_ON: '换届日期', TERM_ENDS_ON: '任期届满日期' });

export const ElectionConnection = connectionOf(Election, 'Election', '换届记录');

@InputType()
export class ElectionFilter extends SubtreeFilterInput {
  @Field(() => DateScalar, { nullable: true, description: '换届日期不早于' })
  electedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '换届日期不晚于' })
  electedTo?: string | null;
}

@InputType({ description: '更正换届日期、任期或备注；改日期时任期年数不变，改任期时重算届满日期' })
export class UpdateElectionInput {
  @Field(() => DateScalar, { nullable: true })
  electedOn?: string;

  @Field(() => Int, { nullable: true })
  termYears?: number;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
