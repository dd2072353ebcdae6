import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SeatRole } from '@dangjian/domain';
import { SeatRoleEnum } from '../common/enums.js';
import { DateScalar } from '../common/scalars.js';
import { Member } from '../member/member.types.js';

@ObjectType({ description: '班子成员（书记、副书记、委员）' })
export class CommitteeSeat {
  @Field(() => ID)
  id!: string;

  @Field(() => Member)
  member!: Member;

  @Field(() => SeatRoleEnum)
  role!: SeatRole;
}

@ObjectType({ description: '换届' })
export class Election {
  @Field(() => ID)
  id!: string;

  /** Resolved by ElectionResolver.organization. */
  organizationId!: string;

  @Field(() => DateScalar)
  electedOn!: string;

  @Field(() => Int)
  termYears!: number;

  @Field(() => DateScalar)
  termEndsOn!: string;

  @Field(() => [CommitteeSeat])
  seats!: CommitteeSeat[];
}

