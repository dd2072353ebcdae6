import { In, type DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { loadConfig } from '@dangjian/config';
import { PiiCipher } from '../crypto/pii-cipher.js';
import {
  DEMO_ELECTION_DATE,
  Random,
  creditCodeWithCheck,
  demoSubdistrict,
  hashString,
  type DemoSubdistrict,
} from '../demo/index.js';
import { Member } from '../entities/member.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { Activity, type ActivityKind } from '../entities/daily-work/activity.entity.js';
import { Alliance, AllianceUnit, LINKAGE_TYPES, LinkageProject } from '../entities/daily-work/alliance.entity.js';
import { Building, BuildingStation } from '../entities/daily-work/building.entity.js';
import { ChecklistItem } from '../entities/daily-work/checklist-item.entity.js';
import { Community } from '../entities/daily-work/community.entity.js';
import { CommitteeSeat, Election } from '../entities/daily-work/election.entity.js';
import { Evaluation } from '../entities/daily-work/evaluation.entity.js';
import { GuidanceVisit, GuidanceVisitItem } from '../entities/daily-work/guidance-visit.entity.js';
import { Instructor, InstructorAssignment } from '../entities/daily-work/instructor.entity.js';
import { Meeting, type Absentee } from '../entities/daily-work/meeting.entity.js';
import { RELIEF_KINDS, ReliefPayment, type ReliefKind } from '../entities/daily-work/relief-payment.entity.js';
import { RenovationProject } from '../entities/daily-work/renovation-project.entity.js';
import {
  Request as RequestRecord,
  type RequestCategory,
  type RequestScale,
} from '../entities/daily-work/request.entity.js';
import { ServiceCenter } from '../entities/daily-work/service-center.entity.js';
import { SERVICE_CATEGORIES, ServiceRecord } from '../entities/daily-work/service-record.entity.js';
import { Staff } from '../entities/daily-work/staff.entity.js';
import { Unit, type UnitCategory } from '../entities/daily-work/unit.entity.js';
import { Wish, type WishBeneficiaryCategory } from '../entities/daily-work/wish.entity.js';
import {
  CREDIT_CODE_CHARSET,
  GUIDANCE_ITEMS,
  MEETING_TYPES,
  MEETING_TYPE_LABELS,
  addDays,
  addMonths,
  centerStandardMet,
  compareDays,
  daysBetween,
  followUpDueOn,
  isDayDate,
  maskName,
  maskPhone,
  meetingApplies,
  monthOf,
  periodsBetween,
  requestDueOn,
  requiredCenterArea,
  termEndsOn,
  termYearsFor,
  todayIn,
  type GuidanceItemState,
  type MeetingType,
  type RequestStatus,
  type Settings,
  type WishStatus,
} from '../rules/index.js';
import { loadSettings, scopedQuery } from '../services/daily-work/common.js';
import {
  ALLIANCE_PUBLIC_UNITS,
  COMMUNITY_PLANS,
  ELDERLY_WISHES,
  ENTERPRISE_REQUESTS,
  INSTRUCTOR_PLANS,
  LECTURE_TOUR_TITLES,
  LINKAGE_PROJECTS,
  RENOVATIONS,
  RESIDENT_REQUESTS,
  SERVICE_ACTIVITY_TITLES,
  THEME_EDUCATION_TITLES,
  VOLUNTEER_TITLES,
  YOUTH_WISHES,
  type CommunityPlan,
} from './plan.js';

export interface SeedOptions {
  /** The day the demo is written for; dates of the daily work are relative to it. Default: today in Asia/Shanghai. */
  today?: string;
  /** Encrypts the phone numbers written; default: from PII_ENCRYPTION_KEY. */
  cipher?: PiiCipher;
}

export interface SeedSectionResult {
  /** Stable English name, e.g. "communities". */
  name: string;
  /** 中文, for the summary printed. */
  label: string;
  created: number;
  /** Rows already there (by natural key), or, for a section skipped as already seeded, the rows found. */
  existing: number;
}

export interface SeedSummary {
  today: string;
  sections: SeedSectionResult[];
  created: number;
}

/** The seed cannot run: a sentence for the operator, in Chinese. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

interface CommunityEntry {
  index: number;
  organization: Organization;
  name: string;
  shortName: string;
  plan: CommunityPlan;
}

interface Context {
  manager: EntityManager;
  today: string;
  cipher: PiiCipher;
  demo: DemoSubdistrict;
  settings: Settings;
  root: Organization;
  organizations: Map<string, Organization>;
  communities: CommunityEntry[];
}

/**
 * Writes the local demo data of 陇海马路街道 as the article describes it: community brands, the
 * 2021 elections, staff, the survey of units, instructors and their visits, the buildings and their
 * station, requests, centres and services, activities, wishes, relief, renovation, the alliance,
 * monthly evaluations, lists and organisational life. Organisations and members come from the sync
 * and are looked up by upstream id. Idempotent: rows with a natural key are written only when
 * missing, and a section of dated daily records is skipped once the subdistrict has any of them.
 */
export async function seedDemo(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedSummary> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  if (!isDayDate(today)) throw new SeedError(`种子数据的日期「${today}」无效，格式应为 YYYY-MM-DD`);
  const cipher = options.cipher ?? new PiiCipher(loadConfig().PII_ENCRYPTION_KEY);
  const demo = demoSubdistrict();
  const base = await resolveUpstream(dataSource.manager, demo);
  const settings = await loadSettings(dataSource.manager);
  const sections: SeedSectionResult[] = [];
  for (const [name, label, run] of SECTIONS) {
    const result = await dataSource.transaction((manager) =>
      run({ ...base, manager, today, cipher, demo, settings }),
    );
    sections.push({ name, label, ...result });
  }
  return { today, sections, created: sections.reduce((sum, s) => sum + s.created, 0) };
}

async function resolveUpstream(
  manager: EntityManager,
  demo: DemoSubdistrict,
): Promise<Pick<Context, 'root' | 'organizations' | 'communities'>> {
  const ids = demo.organizations.map((o) => o.id);
  const found = await manager.getRepository(Organization).find({ where: { upstreamId: In(ids) } });
  const organizations = new Map(found.map((o) => [o.upstreamId!, o]));
  const root = organizations.get(demo.rootOrganizationId);
  if (!root) {
    throw new SeedError(
      `尚未从上级组织系统同步陇海马路街道的党组织（组织代码 ${demo.rootOrganizationId}）：请先启动模拟器并运行 pnpm sync，再运行 pnpm seed`,
    );
  }
  const missing = demo.organizations.filter((o) => !organizations.has(o.id));
  if (missing.length) {
    throw new SeedError(
      `还有 ${missing.length} 个党组织未同步（如「${missing[0].name}」）：请先完成 pnpm sync，再运行 pnpm seed`,
    );
  }
  const seatIds = demo.committees.flatMap((c) => c.seats.map((s) => s.memberId));
  const seatHolders = await manager.getRepository(Member).count({ where: { upstreamId: In(seatIds) } });
  if (seatHolders < seatIds.length) {
    throw new SeedError(
      `党员数据尚未同步完整（${seatIds.length} 名社区班子成员中只找到 ${seatHolders} 名）：请先完成 pnpm sync，再运行 pnpm seed`,
    );
  }
  const communities = demo.communities.map((community, index) => {
    const plan = COMMUNITY_PLANS.find((p) => p.shortName === community.shortName);
    if (!plan) throw new Error(`no local plan for the demo community ${community.shortName}`);
    return {
      index,
      organization: organizations.get(community.organizationId)!,
      name: community.name,
      shortName: community.shortName,
      plan,
    };
  });
  return { root, organizations, communities };
}

type Section = readonly [
  name: string,
  label: string,
  run: (ctx: Context) => Promise<{ created: number; existing: number }>,
];

// ------------------------------------------------------------------------------------------ helpers

function randomFor(label: string): Random {
  return new Random(hashString(`dangjian-seed/${label}`));
}

function org(ctx: Context, upstreamId: string): Organization {
  const organization = ctx.organizations.get(upstreamId);
  if (!organization) throw new SeedError(`党组织 ${upstreamId} 尚未同步：请先完成 pnpm sync`);
  return organization;
}

function communityByShortName(ctx: Context, shortName: string): CommunityEntry {
  const entry = ctx.communities.find((c) => c.shortName === shortName);
  if (!entry) throw new Error(`unknown community ${shortName}`);
  return entry;
}

/** Inserts the rows whose natural key is not there yet. */
async function insertMissing<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => E,
  rows: Partial<E>[],
  keyOf: (row: Partial<E>) => string,
  existingRows: Partial<E>[],
): Promise<{ created: number; existing: number }> {
  const existingKeys = new Set(existingRows.map(keyOf));
  const seen = new Set<string>();
  const fresh = rows.filter((row) => {
    const key = keyOf(row);
    if (existingKeys.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await insertAll(manager, entity, fresh);
  return { created: fresh.length, existing: rows.length - fresh.length };
}

/** The rows of a table already under the subdistrict (a dated section is seeded once). */
async function countUnderRoot<E extends ObjectLiteral>(
  ctx: Context,
  entity: new () => E,
  alias: string,
  orgIdExpression: string,
): Promise<number> {
  return scopedQuery(ctx.manager, entity, alias, orgIdExpression, {
    all: false,
    organizationPaths: [ctx.root.path],
  }).getCount();
}

async function insertAll<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => E,
  rows: Partial<E>[],
): Promise<E[]> {
  const repository = manager.getRepository(entity);
  const saved: E[] = [];
  for (let start = 0; start < rows.length; start += 200) {
    saved.push(
      ...(await repository.save(rows.slice(start, start + 200).map((row) => repository.create(row as E)))),
    );
  }
  return saved;
}

function at(day: string, time = '09:30'): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** The day `days` before the seed's today. */
function daysAgo(ctx: Context, days: number): string {
  return addDays(ctx.today, -days);
}

function spreadDay(ctx: Context, index: number, count: number, spanDays = 360): string {
  return daysAgo(ctx, 1 + Math.floor(((index + 0.5) * (spanDays - 1)) / count));
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂兰',
  '建国',
  '志强',
  '丽华',
];

function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN);
}

function phone(random: Random): string {
  return `1${random.pick(['35', '37', '38', '39', '58', '86'])}${random.digits(8)}`;
}

function creditCode(random: Random, registration: '91' | '52'): string {
  let body = registration === '91' ? 'MA' : String(random.int(5, 9));
  while (body.length < 9) body += random.pick([...CREDIT_CODE_CHARSET]);
  return creditCodeWithCheck(`${registration}410104${body}`);
}

// ------------------------------------------------------------------------------------------ sections

const communitiesSection: Section = [
  'communities',
  '社区档案（一社区一品牌）',
  async (ctx) => {
    const rows = ctx.communities.map((c) => ({
      organizationId: c.organization.id,
      name: c.name,
      shortName: c.shortName,
      brandName: c.plan.brandName,
      brandType: c.plan.brandType,
      workMethod: c.plan.workMethod,
      highlights: c.plan.highlights,
      households: c.plan.households,
      residentCount: c.plan.residentCount,
      address: c.plan.address,
      sortOrder: c.index + 1,
    }));
    const existing = await ctx.manager.getRepository(Community).find({ withDeleted: true });
    return insertMissing(ctx.manager, Community, rows, (r) => String(r.organizationId), existing);
  },
];

const electionsSection: Section = [
  'elections',
  '换届与班子成员',
  async (ctx) => {
    const electionRepo = ctx.manager.getRepository(Election);
    let created = 0;
    let existing = 0;
    for (const committee of ctx.demo.committees) {
      const organization = org(ctx, committee.organizationId);
      let election = await electionRepo.findOneBy({
        organizationId: organization.id,
        electedOn: committee.electedOn,
      });
      if (election) existing += 1;
      else {
        const termYears = termYearsFor(organization.category, ctx.settings);
        election = await electionRepo.save(
          electionRepo.create({
            organizationId: organization.id,
            electedOn: committee.electedOn,
            termYears,
            termEndsOn: termEndsOn(committee.electedOn, termYears),
            note: '2021年社区党组织集中换届',
          }),
        );
        created += 1;
      }
      const members = await ctx.manager
        .getRepository(Member)
        .find({ where: { upstreamId: In(committee.seats.map((s) => s.memberId)) }, withDeleted: true });
      const memberId = new Map(members.map((m) => [m.upstreamId!, m.id]));
      const seats = committee.seats.map((seat, index) => ({
        electionId: election.id,
        memberId: memberId.get(seat.memberId)!,
        role: seat.role,
        sortOrder: index,
      }));
      const present = await ctx.manager.getRepository(CommitteeSeat).findBy({ electionId: election.id });
      const result = await insertMissing(
        ctx.manager,
        CommitteeSeat,
        seats,
        (s) => `${s.electionId}/${s.memberId}`,
        present,
      );
      created += result.created;
      existing += result.existing;
    }
    return { created, existing };
  },
];

const staffSection: Section = [
  'staff',
  '党建专职工作人员',
  async (ctx) => {
    const random = randomFor('staff');
    const rows = ctx.communities.flatMap((c) =>
      c.plan.staff.map((person) => {
        const number = phone(random);
        return {
          communityOrganizationId: c.organization.id,
          name: person.name,
          gender: person.gender,
          birthDate: person.birthDate,
          education: person.education,
          phoneCipher: ctx.cipher.encrypt(number),
          phoneMasked: maskPhone(number),
          // Placed with the 2021 elections ("并为每个社区各配备2名党建专职工作人员").
          startedOn: DEMO_ELECTION_DATE,
          endedOn: null,
        };
      }),
    );
    const existing = await ctx.manager.getRepository(Staff).find({ withDeleted: true });
    return insertMissing(ctx.manager, Staff, rows, (r) => `${r.communityOrganizationId}/${r.name}`, existing);
  },
];

const STATION_NAME = '陇海马路街道楼宇党建指导站';

const buildingsSection: Section = [
  'buildings',
  '楼宇与楼宇党建指导站',
  async (ctx) => {
    const stationRepo = ctx.manager.getRepository(BuildingStation);
    let created = 0;
    let existing = 0;
    let station = await stationRepo.findOne({ where: { name: STATION_NAME }, withDeleted: true });
    if (station) existing += 1;
    else {
      station = await stationRepo.save(
        stationRepo.create({
          name: STATION_NAME,
          organizationId: ctx.root.id,
          headName: '程雅静',
          staffUserIds: [],
          address: '陇新商务大厦一层',
          establishedOn: addMonths(ctx.today, -30),
        }),
      );
      created += 1;
    }
    const rows = ctx.demo.buildings.map((b, index) => ({
      name: b.name,
      address: index === 0 ? '陇海路与紫荆山路交叉口' : '黄金叶街与东明路交叉口',
      communityOrganizationId: org(ctx, b.communityOrganizationId).id,
      branchOrganizationId: org(ctx, b.branchOrganizationId).id,
      stationId: station.id,
      floors: index === 0 ? 24 : 18,
    }));
    const result = await insertMissing(
      ctx.manager,
      Building,
      rows,
      (r) => String(r.name),
      await ctx.manager.getRepository(Building).find({ withDeleted: true }),
    );
    return { created: created + result.created, existing: existing + result.existing };
  },
];

interface ExtraUnit {
  name: string;
  category: UnitCategory;
  community: string;
  staffCount: number;
  fullMemberCount: number;
  hasPremises: boolean;
  businessActive: boolean;
}

/** Surveyed units without an organisation: two that should have one (应建未建), some below the survey scope. */
const EXTRA_UNITS: readonly ExtraUnit[] = [
  {
    name: '郑州华陇机电设备有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '陇二',
    staffCount: 46,
    fullMemberCount: 4,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '河南润和物业服务有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '紫荆',
    staffCount: 38,
    fullMemberCount: 3,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州同心印务有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '新郑路',
    staffCount: 22,
    fullMemberCount: 1,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州佳美装饰工程有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '郑新里',
    staffCount: 15,
    fullMemberCount: 2,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州市管城区陇海书苑培训学校',
    category: 'SOCIAL_ORGANIZATION',
    community: '陇三',
    staffCount: 34,
    fullMemberCount: 2,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州市管城区晨光便利店',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '黄金叶',
    staffCount: 4,
    fullMemberCount: 0,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州鼎新文化传播有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '陇新',
    staffCount: 8,
    fullMemberCount: 1,
    hasPremises: false,
    businessActive: true,
  },
  {
    name: '郑州市管城区紫薇邻里健身协会',
    category: 'SOCIAL_ORGANIZATION',
    community: '紫薇',
    staffCount: 12,
    fullMemberCount: 1,
    hasPremises: true,
    businessActive: true,
  },
  {
    name: '郑州盛通汽车维修有限公司',
    category: 'NON_PUBLIC_ENTERPRISE',
    community: '陇一',
    staffCount: 18,
    fullMemberCount: 0,
    hasPremises: true,
    businessActive: false,
  },
];

const unitsSection: Section = [
  'units',
  '非公企业和社会组织排查',
  async (ctx) => {
    const random = randomFor('units');
    const rows: Partial<Unit>[] = [];
    const surveyStart = addMonths(ctx.today, -6);
    const surveyDay = (i: number) => addDays(surveyStart, (i * 3) % 60);
    const fullMembers = async (organizationId: string) =>
      ctx.manager.getRepository(Member).countBy({ organizationId, status: 'FULL' });
    for (const branch of ctx.demo.nonPublicBranches) {
      const organization = org(ctx, branch.organizationId);
      const joint = organization.type === 'JOINT_BRANCH';
      const own = joint ? 0 : await fullMembers(organization.id);
      branch.units.forEach((unit) => {
        const social = branch.category === 'SOCIAL_ORGANIZATION';
        rows.push({
          creditCode: unit.creditCode,
          category: branch.category,
          name: unit.name,
          address: `${communityName(ctx, branch.communityOrganizationId)}辖区`,
          hasPremises: true,
          // Social organisations count in the survey from 30 staff; some in joint branches are smaller.
          staffCount: social
            ? joint
              ? random.int(12, 45)
              : random.int(32, 60)
            : joint
              ? random.int(10, 40)
              : random.int(40, 120),
          businessActive: true,
          surveyedOn: surveyDay(rows.length),
          fullMemberCount: joint ? random.int(1, 2) : Math.max(3, own),
          organizationId: joint ? null : organization.id,
          jointBranchOrganizationId: joint ? organization.id : null,
          buildingId: null,
          communityOrganizationId: org(ctx, branch.communityOrganizationId).id,
        });
      });
    }
    const buildings = await ctx.manager.getRepository(Building).find();
    for (const building of ctx.demo.buildings) {
      const local = buildings.find((b) => b.name === building.name);
      if (!local) throw new SeedError(`楼宇「${building.name}」尚未写入`);
      const branch = org(ctx, building.branchOrganizationId);
      const covered = new Set(branch.unitCreditCodes ?? []);
      building.enterprises.forEach((enterprise) => {
        rows.push({
          creditCode: enterprise.creditCode,
          category: 'NON_PUBLIC_ENTERPRISE',
          name: enterprise.name,
          address: `${building.name}${random.int(3, 20)}层`,
          hasPremises: true,
          staffCount: random.int(10, 60),
          businessActive: true,
          surveyedOn: surveyDay(rows.length),
          fullMemberCount: random.int(0, 2),
          organizationId: null,
          jointBranchOrganizationId: covered.has(enterprise.creditCode) ? branch.id : null,
          buildingId: local.id,
          communityOrganizationId: org(ctx, building.communityOrganizationId).id,
        });
      });
    }
    for (const unit of EXTRA_UNITS) {
      const unitRandom = new Random(hashString(unit.name));
      rows.push({
        creditCode: creditCode(unitRandom, unit.category === 'SOCIAL_ORGANIZATION' ? '52' : '91'),
        category: unit.category,
        name: unit.name,
        address: `${unit.community}社区辖区`,
        hasPremises: unit.hasPremises,
        staffCount: unit.staffCount,
        businessActive: unit.businessActive,
        surveyedOn: surveyDay(rows.length),
        fullMemberCount: unit.fullMemberCount,
        organizationId: null,
        jointBranchOrganizationId: null,
        buildingId: null,
        communityOrganizationId: communityByShortName(ctx, unit.community).organization.id,
      });
    }
    const existing = await ctx.manager.getRepository(Unit).find({ withDeleted: true });
    return insertMissing(ctx.manager, Unit, rows, (r) => String(r.creditCode), existing);
  },
];

function communityName(ctx: Context, upstreamId: string): string {
  return ctx.demo.communities.find((c) => c.organizationId === upstreamId)?.name ?? '';
}

const instructorsSection: Section = [
  'instructors',
  '党建指导员与分工',
  async (ctx) => {
    const random = randomFor('instructors');
    const rows = INSTRUCTOR_PLANS.map((plan) => {
      const number = phone(random);
      return {
        organizationId: ctx.root.id,
        name: plan.name,
        title: plan.title,
        phoneCipher: ctx.cipher.encrypt(number),
        phoneMasked: maskPhone(number),
        userId: null,
      };
    });
    const repo = ctx.manager.getRepository(Instructor);
    const result = await insertMissing(
      ctx.manager,
      Instructor,
      rows,
      (r) => `${r.organizationId}/${r.name}`,
      await repo.find({ withDeleted: true }),
    );
    const instructors = await repo.find({ where: { organizationId: ctx.root.id } });
    const byName = new Map(instructors.map((i) => [i.name, i]));
    // Assignments are dated relative to today: written once, on the first run.
    if (await countUnderRoot(ctx, InstructorAssignment, 'assignment', 'assignment.organizationId'))
      return result;
    const fromOn = addMonths(ctx.today, -14);
    const assignments = ctx.demo.nonPublicBranches.map((branch, index) => ({
      instructorId: byName.get(INSTRUCTOR_PLANS[index % INSTRUCTOR_PLANS.length].name)!.id,
      organizationId: org(ctx, branch.organizationId).id,
      fromOn,
      toOn: null,
    }));
    await insertAll(ctx.manager, InstructorAssignment, assignments);
    return { created: result.created + assignments.length, existing: result.existing };
  },
];

const guidanceSection: Section = [
  'guidanceVisits',
  '指导记录（四项指导事项）',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, GuidanceVisit, 'visit', 'visit.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('guidance');
    const assignments = await ctx.manager.getRepository(InstructorAssignment).find();
    let created = 0;
    for (const [index, branch] of ctx.demo.nonPublicBranches.entries()) {
      const organization = org(ctx, branch.organizationId);
      const assignment = assignments.find((a) => a.organizationId === organization.id);
      if (!assignment) continue;
      // Four visits over the year; things improve from one visit to the next.
      const offsets = [330, 230, 120, index % 3 === 0 ? 45 : 20];
      for (const [visitIndex, offset] of offsets.entries()) {
        const visitedOn = daysAgo(ctx, offset + random.int(0, 9));
        const last = visitIndex === offsets.length - 1;
        const states: GuidanceItemState[] = GUIDANCE_ITEMS.map(() => {
          if (last && index % 3 === 0) return random.chance(0.5) ? 'NEEDS_IMPROVEMENT' : 'GOOD';
          const good = 0.35 + visitIndex * 0.2;
          return random.chance(good) ? 'GOOD' : random.chance(0.75) ? 'NEEDS_IMPROVEMENT' : 'NOT_DONE';
        });
        const lacking = states.some((s) => s !== 'GOOD');
        const dueOn = lacking ? followUpDueOn(visitedOn, ctx.settings) : null;
        // Earlier follow-ups are done; the latest ones of some branches are still open (one overdue).
        const done =
          dueOn && (!last || index % 3 !== 0) && compareDays(dueOn, ctx.today) < 0
            ? addDays(visitedOn, random.int(7, 25))
            : null;
        const visit = await ctx.manager.getRepository(GuidanceVisit).save(
          ctx.manager.getRepository(GuidanceVisit).create({
            organizationId: organization.id,
            instructorId: assignment.instructorId,
            visitedOn,
            method: visitIndex === 1 ? 'PHONE' : 'VISIT',
            findings: lacking ? '部分制度未上墙，组织生活记录需规范，党员档案材料待补齐' : '各项工作落实较好',
            followUpDueOn: dueOn,
            followUpDoneOn: done && compareDays(done, ctx.today) < 0 ? done : null,
          }),
        );
        await ctx.manager.getRepository(GuidanceVisitItem).insert(
          GUIDANCE_ITEMS.map((item, i) => ({
            visitId: visit.id,
            organizationId: organization.id,
            visitedOn,
            item,
            state: states[i],
            note: states[i] === 'GOOD' ? null : states[i] === 'NOT_DONE' ? '尚未开展' : '需进一步规范',
          })),
        );
        created += 1 + GUIDANCE_ITEMS.length;
      }
    }
    return { created, existing: 0 };
  },
];

const SUBDISTRICT_CENTER = '陇海马路街道党群服务中心';

const serviceCentersSection: Section = [
  'serviceCenters',
  '党群服务中心',
  async (ctx) => {
    const households = COMMUNITY_PLANS.reduce((sum, p) => sum + p.households, 0);
    // 立项 now, construction to start at the end of October (this year's, or next year's once past).
    const octoberEnd = `${ctx.today.slice(0, 4)}-10-31`;
    const startsOn =
      compareDays(ctx.today, octoberEnd) <= 0 ? octoberEnd : `${Number(ctx.today.slice(0, 4)) + 1}-10-31`;
    const rows: Partial<ServiceCenter>[] = [
      {
        organizationId: ctx.root.id,
        name: SUBDISTRICT_CENTER,
        level: 'SUBDISTRICT',
        areaM2: 1000,
        stage: 'APPROVED',
        householdsServed: households,
        standardMet: centerStandardMet(1000, 0, ctx.settings),
        sharingRoute: null,
        facilities: [
          '党务政策咨询窗口',
          '党内业务办理窗口',
          '困难党员群众帮扶站',
          '党员教育培训室',
          '志愿服务站',
          '矛盾调解室',
          '法律服务室',
          '健康小屋',
        ],
        address: '陇海路与紫荆山路交叉口东北角',
        constructionStartsOn: startsOn,
        openedOn: null,
      },
    ];
    for (const c of ctx.communities) {
      const required = requiredCenterArea(c.plan.households, ctx.settings);
      const area = c.plan.center.meetsStandard
        ? required + 40 + (c.index % 4) * 25
        : Math.round(required * 0.62);
      rows.push({
        organizationId: c.organization.id,
        name: `${c.name}党群服务中心`,
        level: 'COMMUNITY',
        areaM2: area,
        stage: 'OPEN',
        householdsServed: c.plan.households,
        standardMet: centerStandardMet(area, c.plan.households, ctx.settings),
        sharingRoute: c.plan.center.meetsStandard ? null : c.plan.center.route,
        facilities: c.plan.facilities,
        address: c.plan.address,
        constructionStartsOn: null,
        openedOn: addMonths(ctx.today, -(24 + c.index * 5)),
      });
    }
    const existing = await ctx.manager.getRepository(ServiceCenter).find({ withDeleted: true });
    return insertMissing(ctx.manager, ServiceCenter, rows, (r) => String(r.name), existing);
  },
];

const serviceRecordsSection: Section = [
  'serviceRecords',
  '八大类服务记录',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, ServiceRecord, 'record', 'record.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('service-records');
    const centers = await ctx.manager.getRepository(ServiceCenter).find({ where: { stage: 'OPEN' } });
    const rows: Partial<ServiceRecord>[] = [];
    for (const center of centers) {
      for (let i = 0; i < 12; i++) {
        rows.push({
          centerId: center.id,
          organizationId: center.organizationId,
          category: SERVICE_CATEGORIES[(i + rows.length) % SERVICE_CATEGORIES.length],
          servedOn: spreadDay(ctx, i, 12),
          servedPerson: maskName(personName(random)),
          handledBy: null,
          note: null,
        });
      }
    }
    await insertAll(ctx.manager, ServiceRecord, rows);
    return { created: rows.length, existing: 0 };
  },
];

const REQUEST_STATUS_CYCLE: readonly RequestStatus[] = ['RESOLVED', 'IN_PROGRESS', 'RECEIVED', 'RESOLVED'];

const requestsSection: Section = [
  'requests',
  '企业和居民诉求',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, RequestRecord, 'request', 'request.communityOrganizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('requests');
    const units = await ctx.manager.getRepository(Unit).find();
    const buildings = await ctx.manager.getRepository(Building).find();
    const rows: Partial<RequestRecord>[] = [];
    const add = (input: {
      source: 'ENTERPRISE' | 'RESIDENT';
      status: RequestStatus;
      communityOrganizationId: string;
      unitId: string | null;
      buildingId: string | null;
      content: string;
      category: RequestCategory;
      scale: RequestScale;
      handledBy: string;
      receivedDay: string;
    }) => {
      const number = phone(random);
      const receivedAt = at(
        input.receivedDay,
        `0${random.int(8, 9)}:${String(random.int(0, 59)).padStart(2, '0')}`,
      );
      // Nothing may have happened after the seed's own day began.
      const hoursAvailable = Math.floor(
        (at(ctx.today, '08:00').getTime() - receivedAt.getTime()) / 3_600_000,
      );
      const hours = Math.max(1, Math.min(random.int(3, 70), Math.floor(hoursAvailable / 2)));
      const feedbackAt =
        input.status === 'RECEIVED' ? null : new Date(receivedAt.getTime() + hours * 3_600_000);
      rows.push({
        source: input.source,
        requesterName: personName(random),
        contactCipher: ctx.cipher.encrypt(number),
        contactMasked: maskPhone(number),
        unitId: input.unitId,
        buildingId: input.buildingId,
        communityOrganizationId: input.communityOrganizationId,
        content: input.content,
        category: input.category,
        scale: input.scale,
        handledBy: input.handledBy,
        handlerMemberId: null,
        status: input.status,
        feedback:
          input.status === 'RESOLVED'
            ? '已协调解决，并电话回访诉求人，诉求人表示满意'
            : input.status === 'IN_PROGRESS'
              ? '已受理并联系相关单位，正在办理'
              : null,
        feedbackAt,
        receivedAt,
        startedAt: feedbackAt,
        resolvedAt:
          input.status === 'RESOLVED'
            ? new Date(receivedAt.getTime() + Math.min(hours + random.int(2, 48), hoursAvailable) * 3_600_000)
            : null,
        dueOn: requestDueOn(input.receivedDay, ctx.settings),
      });
    };
    let enterpriseIndex = 0;
    for (const building of ctx.demo.buildings) {
      const local = buildings.find((b) => b.name === building.name)!;
      for (const enterprise of building.enterprises.slice(0, 5)) {
        const unit = units.find((u) => u.creditCode === enterprise.creditCode);
        const plan = ENTERPRISE_REQUESTS[enterpriseIndex % ENTERPRISE_REQUESTS.length];
        const status = REQUEST_STATUS_CYCLE[enterpriseIndex % REQUEST_STATUS_CYCLE.length];
        add({
          source: 'ENTERPRISE',
          status,
          communityOrganizationId: org(ctx, building.communityOrganizationId).id,
          unitId: unit?.id ?? null,
          buildingId: local.id,
          content: plan.content,
          category: plan.category,
          scale: plan.scale,
          handledBy: STATION_NAME,
          // Open ones are recent, except one RECEIVED long enough ago to be overdue.
          receivedDay: daysAgo(
            ctx,
            status === 'RESOLVED' ? random.int(20, 200) : enterpriseIndex === 2 ? 15 : random.int(1, 5),
          ),
        });
        enterpriseIndex += 1;
      }
    }
    for (const c of ctx.communities) {
      for (let i = 0; i < 5; i++) {
        const plan = RESIDENT_REQUESTS[(c.index + i) % RESIDENT_REQUESTS.length];
        const status = REQUEST_STATUS_CYCLE[(c.index + i) % REQUEST_STATUS_CYCLE.length];
        add({
          source: 'RESIDENT',
          status,
          communityOrganizationId: c.organization.id,
          unitId: null,
          buildingId: null,
          content: plan.content,
          category: plan.category,
          scale: plan.scale,
          handledBy:
            c.shortName === '郑新里' ? '郑新里社区党员志愿者服务队' : `${c.shortName}社区党员志愿服务队`,
          receivedDay: daysAgo(
            ctx,
            status === 'RESOLVED'
              ? random.int(10, 300)
              : status === 'IN_PROGRESS'
                ? random.int(2, 12)
                : random.int(1, 10),
          ),
        });
      }
    }
    await insertAll(ctx.manager, RequestRecord, rows);
    return { created: rows.length, existing: 0 };
  },
];

const activitiesSection: Section = [
  'activities',
  '惠民服务、主题教育、宣讲、全城清洁等活动',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, Activity, 'activity', 'activity.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('activities');
    const rows: Partial<Activity>[] = [];
    const add = (
      kind: ActivityKind,
      count: number,
      titles: readonly string[],
      participations: () => number,
      byRoot = false,
    ) => {
      for (let i = 0; i < count; i++) {
        const community = ctx.communities[i % ctx.communities.length];
        const organization = byRoot ? ctx.root : community.organization;
        const title = titles[i % titles.length];
        rows.push({
          kind,
          organizationId: organization.id,
          heldOn: spreadDay(ctx, i, count),
          title: byRoot ? title : `${community.shortName}社区${title}`,
          place: byRoot ? '辖区主次干道' : `${community.name}党群服务中心`,
          participations: participations(),
          note: null,
        });
      }
    };
    add('SERVICE', 96, SERVICE_ACTIVITY_TITLES, () => random.int(20, 80));
    add('THEME_EDUCATION', 72, THEME_EDUCATION_TITLES, () => random.int(25, 90));
    add('LECTURE_TOUR', 36, LECTURE_TOUR_TITLES, () => random.int(30, 120));
    // 36 city-wide cleaning days: volunteers, street shops, property staff and residents, 3500+ in all.
    add('CITY_CLEANING', 36, ['全城清洁活动'], () => random.int(96, 106), true);
    add('VOLUNTEER', 24, VOLUNTEER_TITLES, () => random.int(15, 40));
    await insertAll(ctx.manager, Activity, rows);
    return { created: rows.length, existing: 0 };
  },
];

const wishesSection: Section = [
  'wishes',
  '微心愿（两期）',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, Wish, 'wish', 'wish.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('wishes');
    const rows: Partial<Wish>[] = [];
    const claimants = [
      '陇海马路街道机关党支部',
      '郑州陇润物流有限公司党支部',
      '管城回族区人民医院陇海分院',
      '郑州银行陇海路支行',
      '社区党员志愿者',
    ];
    const round = (
      number: number,
      collectedDaysAgo: number,
      plan: Array<[WishBeneficiaryCategory, WishStatus, number]>,
    ) => {
      const collectedOn = daysAgo(ctx, collectedDaysAgo);
      let i = 0;
      for (const [category, status, count] of plan) {
        for (let n = 0; n < count; n++, i++) {
          const community = ctx.communities[i % ctx.communities.length];
          const wishes = category === 'ELDERLY' ? ELDERLY_WISHES : YOUTH_WISHES;
          const claimed = status !== 'COLLECTED';
          rows.push({
            organizationId: community.organization.id,
            round: number,
            beneficiaryCategory: category,
            beneficiaryName: maskName(personName(random)),
            content: wishes[i % wishes.length],
            status,
            collectedOn,
            claimantName: claimed ? (random.chance(0.5) ? personName(random) : null) : null,
            claimantUnit: claimed ? random.pick(claimants) : null,
            claimedOn: claimed ? addDays(collectedOn, random.int(3, 10)) : null,
            fulfilledOn: status === 'FULFILLED' ? addDays(collectedOn, random.int(14, 25)) : null,
          });
        }
      }
    };
    round(1, 200, [
      ['YOUTH', 'FULFILLED', 28],
      ['ELDERLY', 'FULFILLED', 6],
    ]);
    round(2, 45, [
      ['YOUTH', 'FULFILLED', 26],
      ['YOUTH', 'CLAIMED', 3],
      ['YOUTH', 'COLLECTED', 2],
      ['ELDERLY', 'FULFILLED', 7],
      ['ELDERLY', 'CLAIMED', 1],
      ['ELDERLY', 'COLLECTED', 2],
    ]);
    await insertAll(ctx.manager, Wish, rows);
    return { created: rows.length, existing: 0 };
  },
];

const reliefSection: Section = [
  'relief',
  '低保金、补贴金、慰问金',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, ReliefPayment, 'payment', 'payment.communityOrganizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('relief');
    const rows: Partial<ReliefPayment>[] = [];
    // Per recipient (fen): 低保 600 yuan a month, 补贴 150 a quarter, 慰问 300 at two festivals.
    const plans: Record<
      ReliefKind,
      { everyMonths: number; times: number; perRecipientFen: number; recipients: [number, number] }
    > = {
      SUBSISTENCE: { everyMonths: 1, times: 12, perRecipientFen: 60_000, recipients: [22, 30] },
      SUBSIDY: { everyMonths: 3, times: 4, perRecipientFen: 15_000, recipients: [50, 70] },
      CONDOLENCE: { everyMonths: 6, times: 2, perRecipientFen: 30_000, recipients: [40, 60] },
    };
    for (const c of ctx.communities) {
      for (const kind of RELIEF_KINDS) {
        const plan = plans[kind];
        for (let i = 0; i < plan.times; i++) {
          const recipientCount = random.int(plan.recipients[0], plan.recipients[1]);
          rows.push({
            kind,
            amountFen: recipientCount * plan.perRecipientFen,
            paidOn: addDays(addMonths(ctx.today, -(i * plan.everyMonths) - 1), c.index),
            recipientCount,
            communityOrganizationId: c.organization.id,
            note: null,
          });
        }
      }
    }
    await insertAll(ctx.manager, ReliefPayment, rows);
    return { created: rows.length, existing: 0 };
  },
];

const renovationsSection: Section = [
  'renovations',
  '无主管楼院和道路综合整治',
  async (ctx) => {
    const rows = RENOVATIONS.map((plan, index) => {
      const startedOn = daysAgo(ctx, 320 - index * 18);
      const finishedOn = addDays(startedOn, 75 + (index % 4) * 20);
      const done = compareDays(finishedOn, ctx.today) < 0;
      return {
        name: plan.name,
        kind: plan.kind,
        communityOrganizationId: communityByShortName(ctx, plan.community).organization.id,
        startedOn,
        finishedOn: done ? finishedOn : null,
        status: done ? ('COMPLETED' as const) : ('IN_PROGRESS' as const),
        note: plan.kind === 'ROAD' ? '百城建设提质工程道路综合整治' : '百城建设提质工程无主管楼院综合整治',
      };
    });
    const existing = await ctx.manager.getRepository(RenovationProject).find({ withDeleted: true });
    return insertMissing(ctx.manager, RenovationProject, rows, (r) => String(r.name), existing);
  },
];

const ALLIANCE_NAME = '陇海马路街道区域化党建联合体';

const allianceSection: Section = [
  'alliance',
  '区域化党建联合体与七项联动',
  async (ctx) => {
    const allianceRepo = ctx.manager.getRepository(Alliance);
    let created = 0;
    let existing = 0;
    let alliance = await allianceRepo.findOne({ where: { name: ALLIANCE_NAME }, withDeleted: true });
    if (alliance) existing += 1;
    else {
      alliance = await allianceRepo.save(
        allianceRepo.create({
          organizationId: ctx.root.id,
          name: ALLIANCE_NAME,
          establishedOn: addMonths(ctx.today, -36),
          description:
            '在街道党工委统筹下，辖区机关、企事业单位、非公企业和社会组织共驻共建，推动党建工作联建、精神文明联创、服务群众联手、社会公益联办、环境保护联防、社会治理联动、文化活动联谊。',
        }),
      );
      created += 1;
    }
    const units = await ctx.manager
      .getRepository(Unit)
      .find({ where: { organizationId: In([...ctx.organizations.values()].map((o) => o.id)) } });
    const members = [
      ...units.slice(0, 5).map((unit) => ({
        allianceId: alliance.id,
        unitId: unit.id,
        name: unit.name,
        joinedOn: addMonths(ctx.today, -30),
        leftOn: null,
      })),
      ...ALLIANCE_PUBLIC_UNITS.map((name) => ({
        allianceId: alliance.id,
        unitId: null,
        name,
        joinedOn: addMonths(ctx.today, -36),
        leftOn: null,
      })),
    ];
    const memberResult = await insertMissing(
      ctx.manager,
      AllianceUnit,
      members,
      (r) => `${r.allianceId}/${r.name}`,
      await ctx.manager.getRepository(AllianceUnit).findBy({ allianceId: alliance.id }),
    );
    created += memberResult.created;
    existing += memberResult.existing;
    const projectCount = await ctx.manager
      .getRepository(LinkageProject)
      .count({ where: { allianceId: alliance.id }, withDeleted: true });
    if (projectCount) return { created, existing: existing + projectCount };
    const unitIds = (await ctx.manager.getRepository(AllianceUnit).findBy({ allianceId: alliance.id })).map(
      (u) => u.id,
    );
    const random = randomFor('alliance');
    const projects: Partial<LinkageProject>[] = [];
    LINKAGE_TYPES.forEach((linkageType, typeIndex) => {
      LINKAGE_PROJECTS[linkageType].forEach((title, i) => {
        const picked = [...new Set([random.pick(unitIds), random.pick(unitIds), random.pick(unitIds)])];
        projects.push({
          allianceId: alliance.id,
          linkageType,
          title,
          allianceUnitIds: picked,
          heldOn: spreadDay(ctx, typeIndex * 2 + i, LINKAGE_TYPES.length * 2),
          outcome: '共建单位共同参与，惠及辖区居民群众',
        });
      });
    });
    await insertAll(ctx.manager, LinkageProject, projects);
    return { created: created + projects.length, existing };
  },
];

export const EVALUATION_NAME = '全市精细化管理月评比';

const evaluationsSection: Section = [
  'evaluations',
  '精细化管理月评比',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, Evaluation, 'evaluation', 'evaluation.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('evaluations');
    // The last twelve finished months; three of them in the top five.
    const topFive = new Map([
      [3, 4],
      [7, 3],
      [10, 5],
    ]);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      organizationId: ctx.root.id,
      name: EVALUATION_NAME,
      month: monthOf(addMonths(ctx.today, -(12 - i))),
      rank: topFive.get(i) ?? random.int(6, 22),
      rankedCount: 46,
      note: topFive.has(i) ? '排名全市前五' : null,
    }));
    await insertAll(ctx.manager, Evaluation, rows);
    return { created: rows.length, existing: 0 };
  },
];

const checklistsSection: Section = [
  'checklists',
  '责任、问题、学习、资源、活动清单',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, ChecklistItem, 'item', 'item.organizationId');
    if (existing) return { created: 0, existing };
    const rows: Partial<ChecklistItem>[] = [];
    for (const c of ctx.communities) {
      const secretaryOwner = `${c.shortName}社区党组织书记`;
      const publishedAt = at(daysAgo(ctx, 150 + c.index));
      rows.push(
        {
          kind: 'RESPONSIBILITY',
          organizationId: c.organization.id,
          title: '认领“三会一课”落实责任',
          content: '按规定频次召开支部党员大会、支委会、党小组会，按时上好党课',
          owner: secretaryOwner,
          dueOn: `${ctx.today.slice(0, 4)}-12-31`,
          status: 'OPEN',
          attachments: [],
        },
        {
          kind: 'RESPONSIBILITY',
          organizationId: c.organization.id,
          title: '认领4+X党员活动日组织责任',
          content: '每月固定开展主题党日，落实重温入党誓词、集中学习、交纳党费、志愿服务',
          owner: secretaryOwner,
          dueOn: daysAgo(ctx, 30),
          status: 'CLOSED',
          closedOn: daysAgo(ctx, 35),
          closedBy: 'system',
          attachments: [],
        },
        {
          kind: 'PROBLEM',
          organizationId: c.organization.id,
          title: '组织生活会会议记录不够规范',
          content: '部分支部会议记录缺少参会人员签到和缺席原因',
          owner: secretaryOwner,
          dueOn: addDays(ctx.today, 20 + c.index),
          status: 'RECTIFYING',
          rectification: '已统一印发会议记录本，正在逐支部规范补齐',
          attachments: [],
        },
        {
          kind: 'PROBLEM',
          organizationId: c.organization.id,
          title: '党员档案材料归档不及时',
          content: '新转入党员的组织关系介绍信回执未及时归档',
          owner: `${c.shortName}社区党建专职工作人员`,
          dueOn: daysAgo(ctx, 40),
          status: 'CLOSED',
          rectification: '已全部补齐归档，建立转接材料月底清点制度',
          attachments: [{ name: '档案归档清单.pdf', url: `/files/seed/${c.shortName}-archive-list.pdf` }],
          closedOn: daysAgo(ctx, 45),
          closedBy: 'system',
        },
        {
          kind: 'STUDY',
          organizationId: c.organization.id,
          title: '学习贯彻党的十九大精神',
          content: '每月集中学习一次，党员自学《习近平新时代中国特色社会主义思想三十讲》',
          owner: secretaryOwner,
          dueOn: null,
          status: 'OPEN',
          attachments: [],
          publishedAt,
        },
        {
          kind: 'RESOURCE',
          organizationId: c.organization.id,
          title: '辖区共建单位可共享场地和服务资源',
          content: `${c.name}党群服务中心、辖区学校操场（节假日）、共建单位会议室`,
          owner: `${c.shortName}社区党建专职工作人员`,
          dueOn: null,
          status: 'OPEN',
          attachments: [],
          publishedAt,
        },
        {
          kind: 'ACTIVITY',
          organizationId: c.organization.id,
          title: '本季度主题党日和惠民服务活动安排',
          content: '主题党日每月固定开展；健康义诊、清洁家园、社区教育每月一次',
          owner: secretaryOwner,
          dueOn: addDays(ctx.today, 60),
          status: 'OPEN',
          attachments: [],
          publishedAt,
        },
      );
    }
    await insertAll(ctx.manager, ChecklistItem, rows);
    return { created: rows.length, existing: 0 };
  },
];

const MEASURED_TYPES = ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'];
const ABSENCE_REASONS = ['外出务工', '身体原因', '出差', '照顾家人', '外地探亲'];

const meetingsSection: Section = [
  'meetings',
  '组织生活记录（近12个月）',
  async (ctx) => {
    const existing = await countUnderRoot(ctx, Meeting, 'meeting', 'meeting.organizationId');
    if (existing) return { created: 0, existing };
    const random = randomFor('meetings');
    const subtree = [...ctx.organizations.values()];
    const branches = subtree
      .filter((o) => MEASURED_TYPES.includes(o.type))
      .sort((a, b) => a.path.localeCompare(b.path));
    const groupParents = new Set(subtree.filter((o) => o.type === 'PARTY_GROUP').map((o) => o.parentId));
    const elections = await ctx.manager
      .getRepository(Election)
      .find({ relations: { seats: { member: true } } });
    const from = addDays(addMonths(ctx.today, -12), 1);
    const yesterday = addDays(ctx.today, -1);
    const rows: Partial<Meeting>[] = [];
    for (const branch of branches) {
      const members = await ctx.manager
        .getRepository(Member)
        .createQueryBuilder('member')
        .innerJoin('member.organization', 'memberOrg')
        .where('memberOrg.path LIKE :path', { path: `${branch.path}%` })
        .select(['member.name', 'member.status'])
        .getMany();
      if (!members.length) continue;
      const election = elections
        .filter((e) => e.organizationId === branch.id)
        .sort((a, b) => b.electedOn.localeCompare(a.electedOn))[0];
      const seats = election?.seats ?? [];
      const shape = { hasCommittee: seats.length >= 3, hasGroups: groupParents.has(branch.id) };
      const chair = seats.find((s) => s.role === 'SECRETARY')?.member?.name ?? members[0].name;
      const recorder =
        seats.find((s) => s.role !== 'SECRETARY')?.member?.name ?? members[members.length > 1 ? 1 : 0].name;
      const fullCount = members.filter((m) => m.status === 'FULL').length;
      for (const type of MEETING_TYPES) {
        if (!meetingApplies(type, shape)) continue;
        const periods = periodsBetween(from, ctx.today, ctx.settings.meetingFrequencies[type]);
        for (const period of periods) {
          const first = compareDays(period.start, from) < 0 ? from : period.start;
          const last = compareDays(period.end, yesterday) > 0 ? yesterday : period.end;
          if (compareDays(first, last) > 0) continue;
          const open = compareDays(period.end, ctx.today) >= 0;
          // Mostly held; a few periods missed, and the current period not always held yet.
          if (random.chance(open ? 0.4 : 0.04)) continue;
          const heldOn = addDays(first, random.int(0, daysBetween(first, last)));
          const expected =
            type === 'BRANCH_COMMITTEE_MEETING'
              ? seats.length
              : type === 'PARTY_GROUP_MEETING'
                ? Math.max(3, Math.round(members.length / 3))
                : members.length;
          const absentCount = Math.min(random.int(0, 3), Math.floor(expected / 3));
          const absentees: Absentee[] = Array.from({ length: absentCount }, () => ({
            name: random.pick(members).name,
            reason: random.pick(ABSENCE_REASONS),
          }));
          const assembly = type === 'BRANCH_ASSEMBLY';
          rows.push({
            type,
            organizationId: branch.id,
            heldOn,
            topic: topicOf(type, heldOn),
            place: '党群服务中心会议室',
            chair,
            recorder,
            expectedCount: expected,
            attendedCount: expected - absentCount,
            votingMemberCount: assembly ? Math.max(fullCount, expected - absentCount) : null,
            absentees,
            agenda: agendaOf(type),
            resolutions: assembly ? '与会党员一致同意本季度工作安排' : null,
            attachments: [],
          });
        }
      }
    }
    await insertAll(ctx.manager, Meeting, rows);
    return { created: rows.length, existing: 0 };
  },
];

function topicOf(type: MeetingType, heldOn: string): string {
  const month = Number(heldOn.slice(5, 7));
  switch (type) {
    case 'THEME_PARTY_DAY':
      return `${month}月主题党日：重温入党誓词、集中学习、交纳党费、志愿服务`;
    case 'PARTY_LECTURE':
      return '微党课：学习贯彻党的十九大精神';
    case 'BRANCH_ASSEMBLY':
      return '支部党员大会：通报季度工作、研究下阶段安排';
    default:
      return MEETING_TYPE_LABELS[type];
  }
}

function agendaOf(type: MeetingType): string {
  switch (type) {
    case 'BRANCH_COMMITTEE_MEETING':
      return '1. 研究本月党建工作安排；2. 讨论党员发展和教育管理事项';
    case 'ORGANIZATIONAL_LIFE_MEETING':
      return '1. 通报年度工作；2. 开展批评和自我批评；3. 明确整改措施';
    case 'DEMOCRATIC_APPRAISAL':
      return '1. 党员个人总结；2. 党员互评；3. 支部评定';
    default:
      return '1. 集中学习；2. 工作通报；3. 交流讨论';
  }
}

/** In the order they depend on each other: buildings before units, units before requests… */
const SECTIONS: readonly Section[] = [
  communitiesSection,
  electionsSection,
  staffSection,
  buildingsSection,
  unitsSection,
  instructorsSection,
  guidanceSection,
  serviceCentersSection,
  serviceRecordsSection,
  requestsSection,
  activitiesSection,
  wishesSection,
  reliefSection,
  renovationsSection,
  allianceSection,
  evaluationsSection,
  checklistsSection,
  meetingsSection,
];
