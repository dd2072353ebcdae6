import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { SeatRole } from '@dangjian/domain';
import { SeatRoleEnum } from '../../common/enums.js';
import { DateScalar } from '../../common/scalars.js';

@InputType()
export class CreateElectionInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => DateScalar)
  electedOn!: string;

  @Field(() => Int, { nullable: true, description: '任期年数；不填时社区党组织 5 年，其他 3 年（按设置）' })
  termYears?: number | null;
}

@InputType()
export class AddCommitteeSeatInput {
  @Field(() => ID)
  electionId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => SeatRoleEnum)
  role!: SeatRole;
}
