import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { generateBriefing, Permission, type Briefing } from '@dangjian/domain';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { DatabaseService } from '../common/database.service.js';
import { WorkBriefing, WorkBriefingInput } from './briefing.types.js';

/** The domain's briefing in the schema's shape: a source's filter travels as JSON text. */
export function toWorkBriefing(briefing: Briefing): WorkBriefing {
  return {
    ...briefing,
    sections: briefing.sections.map((section) => ({
      ...section,
      paragraphs: section.paragraphs.map((paragraph) => ({
        ...paragraph,
        figures: paragraph.figures.map((figure) => ({
          ...figure,
          source: { ...figure.source, filter: JSON.stringify(figure.source.filter) },
        })),
      })),
    })),
  };
}

@Resolver()
export class BriefingResolver {
  constructor(@Inject(DatabaseService) private readonly database: DatabaseService) {}

  @Query(() => WorkBriefing, {
    description:
      '工作简报：按期间和党组织由实时数据生成（组织建设、活动载体、工作成效、各社区亮点），每个数字附出处',
  })
  @Allow(Permission.READ)
  async workBriefing(
    @Ctx() ctx: GqlContext,
    @Args('input', { type: () => WorkBriefingInput }) input: WorkBriefingInput,
  ): Promise<WorkBriefing> {
    return toWorkBriefing(
      await generateBriefing(this.database.dataSource, ctx.scope, {
        organizationId: input.organizationId ?? null,
        from: input.from,
        to: input.to,
        asOf: input.asOf ?? null,
      }),
    );
  }
}
