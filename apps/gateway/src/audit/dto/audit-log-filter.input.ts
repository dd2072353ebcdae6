import { Field, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../common/scalars.js';

@InputType()
export class AuditLogFilter {
  @Field(() => [String], { nullable: true })
  action?: string[] | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => String, { nullable: true })
  entityId?: string | null;

  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;
}
