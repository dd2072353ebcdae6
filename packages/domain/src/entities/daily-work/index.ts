// The entities of the subdistrict's daily Party-building work (communities, units, elections,
// guidance, buildings, lists, meetings, activities, wishes, centres, the alliance, relief).
import { Activity } from './activity.entity.js';
import { Alliance, AllianceUnit, LinkageProject } from './alliance.entity.js';
import { Building, BuildingStation } from './building.entity.js';
import { ChecklistItem } from './checklist-item.entity.js';
import { Community } from './community.entity.js';
import { CommitteeSeat, Election } from './election.entity.js';
import { Evaluation } from './evaluation.entity.js';
import { GuidanceVisit, GuidanceVisitItem } from './guidance-visit.entity.js';
import { Instructor, InstructorAssignment } from './instructor.entity.js';
import { Meeting } from './meeting.entity.js';
import { ReliefPayment } from './relief-payment.entity.js';
import { RenovationProject } from './renovation-project.entity.js';
import { Request } from './request.entity.js';
import { ServiceCenter } from './service-center.entity.js';
import { ServiceRecord } from './service-record.entity.js';
import { Staff } from './staff.entity.js';
import { Unit } from './unit.entity.js';
import { Wish } from './wish.entity.js';

export * from './activity.entity.js';
export * from './alliance.entity.js';
export * from './building.entity.js';
export * from './checklist-item.entity.js';
export * from './community.entity.js';
export * from './election.entity.js';
export * from './evaluation.entity.js';
export * from './guidance-visit.entity.js';
export * from './instructor.entity.js';
export * from './meeting.entity.js';
export * from './relief-payment.entity.js';
export * from './renovation-project.entity.js';
export * from './request.entity.js';
export * from './service-center.entity.js';
export * from './service-record.entity.js';
export * from './staff.entity.js';
export * from './unit.entity.js';
export * from './wish.entity.js';

export const WORK_ENTITIES: Array<new () => object> = [
  Community,
  Unit,
  Election,
  CommitteeSeat,
  Staff,
  Instructor,
  InstructorAssignment,
  GuidanceVisit,
  GuidanceVisitItem,
  Building,
  BuildingStation,
  Request,
  ServiceCenter,
  ServiceRecord,
  Evaluation,
  ChecklistItem,
  Meeting,
  Activity,
  Wish,
  Alliance,
  AllianceUnit,
  LinkageProject,
  ReliefPayment,
  RenovationProject,
];
