import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { Authenticator } from '../auth/authenticator.service.js';
import { ActivityResolver, WishResolver } from './activities/activity.resolver.js';
import { AllianceResolver, AllianceUnitResolver, LinkageProjectResolver } from './alliance/alliance.resolver.js';
import { BuildingResolver, BuildingStationResolver, RequestResolver } from './buildings/building.resolver.js';
import { ServiceCenterResolver, ServiceRecordResolver } from './centers/center.resolver.js';
import { PublicThrottle } from './common/public-throttle.js';
import { ElectionWorkResolver } from './elections/election-work.resolver.js';
import { MAX_IMPORT_BYTES, rawUpload, SurveyImportController } from './excel/survey-import.controller.js';
import { WorkExportController } from './excel/work-export.controller.js';
import { ReliefPaymentResolver, RenovationProjectResolver } from './livelihood/livelihood.resolver.js';
import { ChecklistItemResolver, EvaluationResolver, MeetingResolver, PublishedChecklistResolver } from './lists/lists.resolver.js';
import { GuidanceVisitResolver, InstructorAssignmentResolver, InstructorResolver, StaffResolver } from './people/people.resolver.js';
import { SettingResolver } from './settings/setting.resolver.js';
import { TodoResolver } from './todos/todo.resolver.js';
import { CommunityResolver, UnitResolver } from './units/unit.resolver.js';

/** Every resolver of the daily work: the code-first schema (and print-schema) is generated from these too. */
export const WORK_RESOLVERS = [
  CommunityResolver,
  UnitResolver,
  StaffResolver,
  InstructorResolver,
  InstructorAssignmentResolver,
  GuidanceVisitResolver,
  BuildingResolver,
  BuildingStationResolver,
  RequestResolver,
  ServiceCenterResolver,
  ServiceRecordResolver,
  ChecklistItemResolver,
  EvaluationResolver,
  MeetingResolver,
  PublishedChecklistResolver,
  ActivityResolver,
  WishResolver,
  AllianceResolver,
  AllianceUnitResolver,
  LinkageProjectResolver,
  ReliefPaymentResolver,
  RenovationProjectResolver,
  ElectionWorkResolver,
  SettingResolver,
  TodoResolver,
];

/**
 * The subdistrict's daily work in the API: queries and mutations for every work record, the
 * reports, the to-do summary, the public 公示 view, and the Excel exports and survey import.
 */
@Module({
  providers: [...WORK_RESOLVERS, PublicThrottle],
  controllers: [WorkExportController, SurveyImportController],
})
export class WorkModule implements NestModule {
  constructor(@Inject(Authenticator) private readonly authenticator: Authenticator) {}

  // /export is authenticated by the application for every export; the import route is this
  // module's own, so it gets the same authentication here, then its size-limited raw body.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.authenticator.middleware(), rawUpload(MAX_IMPORT_BYTES)).forRoutes(SurveyImportController);
  }
}
