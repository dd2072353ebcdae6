import type { Education, Gender } from '../entities/member.entity.js';
import type { OrganizationType } from '../entities/organization.entity.js';
import { demoCreditCode, makeMember } from './people.js';
import { Random } from './random.js';
import {
  DEMO_ELECTION_DATE,
  DEMO_ROOT_ORGANIZATION_ID,
  DEMO_TODAY,
  type CommitteeRole,
  type DemoBuilding,
  type DemoCommittee,
  type DemoCommunity,
  type DemoNonPublicBranch,
  type DemoSubdistrict,
  type DemoUnit,
  type UpstreamMemberRecord,
  type UpstreamOrganizationRecord,
  type UpstreamTransferRecord,
  type UpstreamTransferStatus,
} from './records.js';
import { buildTransfer, FAR_SIDE_ORGANIZATIONS, farSideMemberFor } from './transfers.js';

const SEED = 20211218;
const ROOT_NAME = '陇海马路街道党工委';

interface CommunityPlan {
  name: string;
  shortName: string;
  type: OrganizationType;
  suffix: string;
  establishedOn: string;
  /** Grid and residential branches; none for 紫薇, which is itself a branch. */
  branches: string[];
  huiShare: number;
}

/**
 * The 9 communities of 陇海马路街道 as the article names them. 新郑路, 陇三 and 陇一 are 党总支 and
 * 紫薇 a 党支部 as the article says; a 党支部 cannot have branches under it, so 紫薇's grids are
 * Party groups. 紫荆, where many 回族 families live, has a high share of 回族 members.
 */
const COMMUNITIES: readonly CommunityPlan[] = [
  {
    name: '新郑路社区', shortName: '新郑路', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2001-06-18', huiShare: 0.06,
    branches: ['第一网格党支部', '第二网格党支部', '第三网格党支部', '113号院党支部', '离退休党员党支部'],
  },
  { name: '紫薇社区', shortName: '紫薇', type: 'BRANCH', suffix: '党支部', establishedOn: '2008-03-26', huiShare: 0.06, branches: [] },
  {
    name: '陇海东路第三社区', shortName: '陇三', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2002-07-01', huiShare: 0.07,
    branches: ['第一网格党支部', '第二网格党支部', '陇海里19号院党支部', '离退休党员党支部'],
  },
  {
    name: '紫荆社区', shortName: '紫荆', type: 'PARTY_COMMITTEE', suffix: '党委', establishedOn: '2003-09-12', huiShare: 0.32,
    branches: ['第一网格党支部', '第二网格党支部', '第三网格党支部', '紫荆小区党支部', '离退休党员党支部'],
  },
  {
    name: '陇海东路第二社区', shortName: '陇二', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2002-07-01', huiShare: 0.06,
    branches: ['第一网格党支部', '第二网格党支部', '绿苑小区党支部', '离退休党员党支部'],
  },
  {
    name: '陇新社区', shortName: '陇新', type: 'PARTY_COMMITTEE', suffix: '党委', establishedOn: '2010-05-20', huiShare: 0.05,
    branches: ['第一网格党支部', '第二网格党支部', '第三网格党支部', '商户党支部', '离退休党员党支部'],
  },
  {
    name: '陇海东路第一社区', shortName: '陇一', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2002-07-01', huiShare: 0.06,
    branches: ['第一网格党支部', '第二网格党支部', '第三网格党支部', '夕阳红党支部', '离退休党员党支部'],
  },
  {
    name: '黄金叶社区', shortName: '黄金叶', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2006-11-08', huiShare: 0.05,
    branches: ['第一网格党支部', '第二网格党支部', '离退休党员党支部'],
  },
  {
    name: '郑新里社区', shortName: '郑新里', type: 'GENERAL_BRANCH', suffix: '党总支', establishedOn: '2004-04-15', huiShare: 0.06,
    branches: ['第一网格党支部', '第二网格党支部', '郑新里小区党支部', '离退休党员党支部'],
  },
];

interface SeatPlan {
  role: CommitteeRole;
  age: number;
  gender: Gender;
  education: Education;
}

/**
 * The 2021 elections as reported (27 seats: average age 34.4, 17 aged 35 or under, 26 with
 * 大专及以上): ages in completed years on the election day, per community in COMMUNITIES order.
 */
const SEATS: readonly (readonly SeatPlan[])[] = [
  [
    { role: 'SECRETARY', age: 46, gender: 'MALE', education: 'HIGH_SCHOOL' },
    { role: 'DEPUTY_SECRETARY', age: 36, gender: 'FEMALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 28, gender: 'MALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 45, gender: 'FEMALE', education: 'JUNIOR_COLLEGE' },
    { role: 'COMMITTEE_MEMBER', age: 30, gender: 'FEMALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 26, gender: 'MALE', education: 'JUNIOR_COLLEGE' },
  ],
  [
    { role: 'SECRETARY', age: 43, gender: 'FEMALE', education: 'UNDERGRADUATE' },
    { role: 'DEPUTY_SECRETARY', age: 33, gender: 'MALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 25, gender: 'FEMALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 42, gender: 'MALE', education: 'JUNIOR_COLLEGE' },
    { role: 'DEPUTY_SECRETARY', age: 37, gender: 'FEMALE', education: 'JUNIOR_COLLEGE' },
    { role: 'COMMITTEE_MEMBER', age: 29, gender: 'MALE', education: 'POSTGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 41, gender: 'FEMALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 31, gender: 'MALE', education: 'JUNIOR_COLLEGE' },
    { role: 'COMMITTEE_MEMBER', age: 27, gender: 'FEMALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 40, gender: 'MALE', education: 'UNDERGRADUATE' },
    { role: 'DEPUTY_SECRETARY', age: 35, gender: 'FEMALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 28, gender: 'MALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 39, gender: 'FEMALE', education: 'JUNIOR_COLLEGE' },
    { role: 'DEPUTY_SECRETARY', age: 38, gender: 'MALE', education: 'JUNIOR_COLLEGE' },
    { role: 'COMMITTEE_MEMBER', age: 30, gender: 'FEMALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 34, gender: 'MALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 33, gender: 'FEMALE', education: 'JUNIOR_COLLEGE' },
    { role: 'COMMITTEE_MEMBER', age: 34, gender: 'MALE', education: 'UNDERGRADUATE' },
  ],
  [
    { role: 'SECRETARY', age: 32, gender: 'FEMALE', education: 'POSTGRADUATE' },
    { role: 'DEPUTY_SECRETARY', age: 35, gender: 'MALE', education: 'UNDERGRADUATE' },
    { role: 'COMMITTEE_MEMBER', age: 32, gender: 'FEMALE', education: 'JUNIOR_COLLEGE' },
  ],
];

interface NonPublicPlan {
  name: string;
  type: 'BRANCH' | 'JOINT_BRANCH';
  category: 'NON_PUBLIC_ENTERPRISE' | 'SOCIAL_ORGANIZATION';
  community: number;
  establishedOn: string;
  /** The units covered, with their registration type ('91' enterprise, '51' social group, '52' private non-enterprise). */
  units: ReadonlyArray<readonly [string, '91' | '51' | '52']>;
  members: readonly [number, number];
}

/** The 8 non-public and social-organisation branches that belong to the subdistrict (all fictional units). */
const NON_PUBLIC: readonly NonPublicPlan[] = [
  {
    name: '郑州陇润物流有限公司党支部', type: 'BRANCH', category: 'NON_PUBLIC_ENTERPRISE', community: 5, establishedOn: '2016-07-01',
    units: [['郑州陇润物流有限公司', '91']], members: [9, 16],
  },
  {
    name: '河南禾信建设工程有限公司党支部', type: 'BRANCH', category: 'NON_PUBLIC_ENTERPRISE', community: 0, establishedOn: '2014-05-12',
    units: [['河南禾信建设工程有限公司', '91']], members: [12, 20],
  },
  {
    name: '郑州恒之源餐饮管理有限公司党支部', type: 'BRANCH', category: 'NON_PUBLIC_ENTERPRISE', community: 7, establishedOn: '2018-10-09',
    units: [['郑州恒之源餐饮管理有限公司', '91']], members: [4, 8],
  },
  {
    name: '陇海马路街道商贸企业联合党支部', type: 'JOINT_BRANCH', category: 'NON_PUBLIC_ENTERPRISE', community: 6, establishedOn: '2017-06-28',
    units: [
      ['郑州嘉和泰商贸有限公司', '91'],
      ['郑州市管城区福顺五金经营部', '91'],
      ['河南中陇医疗器械有限公司', '91'],
      ['郑州鑫源达电子科技有限公司', '91'],
    ],
    members: [8, 11],
  },
  {
    name: '紫荆山路沿街商户联合党支部', type: 'JOINT_BRANCH', category: 'NON_PUBLIC_ENTERPRISE', community: 3, establishedOn: '2019-04-23',
    units: [
      ['郑州清真老马家餐饮有限公司', '91'],
      ['郑州紫荆惠民超市有限公司', '91'],
      ['郑州市管城区荆华眼镜店', '91'],
      ['郑州安和家政服务有限公司', '91'],
      ['郑州博雅文具有限公司', '91'],
    ],
    members: [9, 13],
  },
  {
    name: '管城区康馨养老服务中心党支部', type: 'BRANCH', category: 'SOCIAL_ORGANIZATION', community: 6, establishedOn: '2019-09-10',
    units: [['郑州市管城回族区康馨养老服务中心', '52']], members: [5, 9],
  },
  {
    name: '管城区陇海社会工作服务中心党支部', type: 'BRANCH', category: 'SOCIAL_ORGANIZATION', community: 8, establishedOn: '2020-06-30',
    units: [['郑州市管城回族区陇海社会工作服务中心', '52']], members: [4, 7],
  },
  {
    name: '陇海马路街道社会组织联合党支部', type: 'JOINT_BRANCH', category: 'SOCIAL_ORGANIZATION', community: 1, establishedOn: '2021-03-18',
    units: [
      ['郑州市管城回族区紫薇书画协会', '51'],
      ['郑州市管城回族区邻里互助志愿服务中心', '52'],
      ['郑州市管城回族区阳光青少年成长服务中心', '52'],
    ],
    members: [6, 9],
  },
];

interface BuildingPlan {
  name: string;
  community: number;
  enterprises: readonly string[];
  /** How many of the enterprises the building's joint branch covers. */
  covered: number;
}

const BUILDINGS: readonly BuildingPlan[] = [
  {
    name: '陇新商务大厦', community: 5, covered: 4,
    enterprises: ['郑州云启网络科技有限公司', '河南诚拓会计服务有限公司', '郑州明德教育咨询有限公司', '郑州远瞻广告传媒有限公司', '河南凯越律师事务所', '郑州安途旅行社有限公司'],
  },
  {
    name: '金叶科技广场', community: 7, covered: 5,
    enterprises: ['郑州金叶软件技术有限公司', '河南数联信息科技有限公司', '郑州思创设计有限公司', '郑州汇智人力资源服务有限公司', '郑州立达知识产权代理有限公司', '河南捷达供应链管理有限公司', '郑州睿博医药科技有限公司'],
  },
];

/** Outgoing and incoming transfers per status: every upstream status, from both sides. */
const TRANSFER_COUNTS: Record<UpstreamTransferStatus, { outgoing: number; incoming: number }> = {
  PENDING_APPROVAL: { outgoing: 5, incoming: 5 },
  APPROVED: { outgoing: 4, incoming: 3 },
  IN_TRANSIT: { outgoing: 7, incoming: 6 },
  RECEIVED: { outgoing: 5, incoming: 5 },
  COMPLETED: { outgoing: 7, incoming: 6 },
  RETURNED: { outgoing: 4, incoming: 3 },
  WITHDRAWN: { outgoing: 3, incoming: 3 },
  REVOKED: { outgoing: 3, incoming: 3 },
  EXPIRED: { outgoing: 4, incoming: 3 },
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds the demo afresh; callers want demoSubdistrict(), which builds it once. */
export function buildDemoSubdistrict(): DemoSubdistrict {
  const random = new Random(SEED);
  const organizations: UpstreamOrganizationRecord[] = [];
  const members: UpstreamMemberRecord[] = [];
  const usedIdCards = new Set<string>();
  let memberSequence = 10_000_000;
  const nextMemberId = () => `M${++memberSequence}`;

  organizations.push({
    id: DEMO_ROOT_ORGANIZATION_ID,
    name: ROOT_NAME,
    type: 'WORKING_COMMITTEE',
    category: 'SUBDISTRICT',
    parentId: null,
    establishedOn: '1998-09-01',
    unitCreditCodes: [],
  });

  const communities: DemoCommunity[] = [];
  const committees: DemoCommittee[] = [];
  /** Where ordinary members can be: each community's branches (紫薇: the community branch itself). */
  const memberHomes: Array<{ id: string; name: string; community: number }> = [];

  COMMUNITIES.forEach((plan, index) => {
    const communityId = `${DEMO_ROOT_ORGANIZATION_ID.slice(0, 9)}${pad(index + 1, 3)}`;
    const organizationName = `${plan.name}${plan.suffix}`;
    organizations.push({
      id: communityId,
      name: organizationName,
      type: plan.type,
      category: 'COMMUNITY',
      parentId: DEMO_ROOT_ORGANIZATION_ID,
      establishedOn: plan.establishedOn,
      unitCreditCodes: [],
    });
    communities.push({ organizationId: communityId, name: plan.name, shortName: plan.shortName });

    if (plan.branches.length === 0) {
      memberHomes.push({ id: communityId, name: organizationName, community: index });
      ['第一网格党小组', '第二网格党小组', '第三网格党小组'].forEach((groupName, g) => {
        organizations.push({
          id: `${communityId}9${g + 1}`,
          name: `${organizationName}${groupName}`,
          type: 'PARTY_GROUP',
          category: 'COMMUNITY',
          parentId: communityId,
          establishedOn: plan.establishedOn,
          unitCreditCodes: [],
        });
      });
    }
    plan.branches.forEach((branchName, b) => {
      const branchId = `${communityId}${pad(b + 1, 2)}`;
      const name = `${plan.name}${branchName}`;
      organizations.push({
        id: branchId,
        name,
        type: 'BRANCH',
        category: 'COMMUNITY',
        parentId: communityId,
        establishedOn: `${random.int(2008, 2020)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
        unitCreditCodes: [],
      });
      memberHomes.push({ id: branchId, name, community: index });
      // The retired members' branch is large enough to meet in groups.
      if (branchName.startsWith('离退休')) {
        const groups = random.int(2, 3);
        for (let g = 1; g <= groups; g++) {
          organizations.push({
            id: `${branchId}${g}`,
            name: `${name}第${'一二三'[g - 1]}党小组`,
            type: 'PARTY_GROUP',
            category: 'COMMUNITY',
            parentId: branchId,
            establishedOn: null,
            unitCreditCodes: [],
          });
        }
      }
    });

    // Committee seat holders belong to the community organisation itself.
    const seats = SEATS[index].map((seat) => {
      const member = makeMember(random, {
        id: nextMemberId(),
        organizationId: communityId,
        today: DEMO_TODAY,
        age: seat.age,
        ageOnDay: DEMO_ELECTION_DATE,
        gender: seat.gender,
        education: seat.education,
        huiShare: plan.huiShare,
        status: 'FULL',
        fullBy: DEMO_ELECTION_DATE,
        flags: [],
        usedIdCards,
      });
      members.push(member);
      return { memberId: member.id, role: seat.role };
    });
    committees.push({ organizationId: communityId, electedOn: DEMO_ELECTION_DATE, seats });
  });

  // Ordinary community members.
  for (const home of memberHomes) {
    const plan = COMMUNITIES[home.community];
    const retired = home.name.includes('离退休') || home.name.includes('夕阳红');
    const count = retired ? random.int(85, 110) : home.id.length === 12 ? random.int(60, 70) : random.int(55, 85);
    for (let i = 0; i < count; i++) {
      const age = retired ? random.int(60, 90) : undefined;
      members.push(
        makeMember(random, {
          id: nextMemberId(),
          organizationId: home.id,
          today: DEMO_TODAY,
          age,
          huiShare: plan.huiShare,
          status: random.chance(0.006) ? 'OVERDUE_PROBATIONARY' : undefined,
          usedIdCards,
        }),
      );
    }
  }

  // Non-public and social-organisation branches: they belong to the working committee directly.
  const nonPublicBranches: DemoNonPublicBranch[] = [];
  NON_PUBLIC.forEach((plan, index) => {
    const id = `${DEMO_ROOT_ORGANIZATION_ID.slice(0, 9)}1${pad(index + 1, 2)}`;
    const units: DemoUnit[] = plan.units.map(([name, registration]) => ({ name, creditCode: demoCreditCode(random, registration) }));
    organizations.push({
      id,
      name: plan.name,
      type: plan.type,
      category: plan.category,
      parentId: DEMO_ROOT_ORGANIZATION_ID,
      establishedOn: plan.establishedOn,
      unitCreditCodes: units.map((unit) => unit.creditCode),
    });
    const communityOrganizationId = communities[plan.community].organizationId;
    nonPublicBranches.push({
      organizationId: id,
      category: plan.category,
      unitName: units[0].name,
      unitCreditCode: units[0].creditCode,
      communityOrganizationId,
      units,
    });
    const count = random.int(plan.members[0], plan.members[1]);
    for (let i = 0; i < count; i++) {
      members.push(
        makeMember(random, { id: nextMemberId(), organizationId: id, today: DEMO_TODAY, age: random.int(23, 58), usedIdCards }),
      );
    }
  });

  // Office buildings, each with a joint branch for the enterprises too small for their own.
  const buildings: DemoBuilding[] = [];
  BUILDINGS.forEach((plan, index) => {
    const id = `${DEMO_ROOT_ORGANIZATION_ID.slice(0, 9)}2${pad(index + 1, 2)}`;
    const enterprises: DemoUnit[] = plan.enterprises.map((name) => ({ name, creditCode: demoCreditCode(random, '91') }));
    organizations.push({
      id,
      name: `${plan.name}联合党支部`,
      type: 'JOINT_BRANCH',
      category: 'BUILDING',
      parentId: DEMO_ROOT_ORGANIZATION_ID,
      establishedOn: index === 0 ? '2019-07-01' : '2020-10-16',
      unitCreditCodes: enterprises.slice(0, plan.covered).map((unit) => unit.creditCode),
    });
    buildings.push({
      name: plan.name,
      communityOrganizationId: communities[plan.community].organizationId,
      branchOrganizationId: id,
      enterprises,
    });
    const count = random.int(8, 14);
    for (let i = 0; i < count; i++) {
      members.push(
        makeMember(random, { id: nextMemberId(), organizationId: id, today: DEMO_TODAY, age: random.int(24, 45), usedIdCards }),
      );
    }
  });

  const seatHolders = new Set(committees.flatMap((committee) => committee.seats.map((seat) => seat.memberId)));
  const transfers = buildTransfers(random, organizations, members, memberHomes, seatHolders, usedIdCards);
  return {
    rootOrganizationId: DEMO_ROOT_ORGANIZATION_ID,
    organizations,
    members,
    transfers,
    communities,
    committees,
    nonPublicBranches,
    buildings,
  };
}

function buildTransfers(
  random: Random,
  organizations: UpstreamOrganizationRecord[],
  members: UpstreamMemberRecord[],
  homes: Array<{ id: string; name: string; community: number }>,
  seatHolders: Set<string>,
  usedIdCards: Set<string>,
): UpstreamTransferRecord[] {
  const homeIds = new Set(homes.map((h) => h.id));
  // Ordinary community members who may be moving out; each at most once.
  const candidates = members.filter((m) => homeIds.has(m.organizationId) && !seatHolders.has(m.id) && !m.flags.includes('LOST_CONTACT'));
  const taken = new Set<string>();
  const pickMember = () => {
    for (;;) {
      const member = random.pick(candidates);
      if (!taken.has(member.id)) {
        taken.add(member.id);
        return member;
      }
    }
  };
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  const transfers: UpstreamTransferRecord[] = [];
  let transferSequence = 0;
  let farSideSequence = 80_000_000;
  let outLetter = 100;
  let inLetter = 40;
  const statuses = Object.keys(TRANSFER_COUNTS) as UpstreamTransferStatus[];

  for (const status of statuses) {
    const { outgoing, incoming } = TRANSFER_COUNTS[status];
    for (let i = 0; i < outgoing; i++) {
      const leftAlready = status === 'RECEIVED' || status === 'COMPLETED';
      let memberId: string;
      let memberName: string;
      let local: { id: string; name: string };
      let farSide = random.pick(FAR_SIDE_ORGANIZATIONS);
      if (leftAlready) {
        // Received elsewhere: the member is no longer in this subdistrict's scope but there.
        const home = random.pick(homes);
        const farMember = farSideMemberFor(`M${++farSideSequence}`);
        memberId = farMember.id;
        memberName = farMember.name;
        local = { id: home.id, name: home.name };
        farSide = FAR_SIDE_ORGANIZATIONS.find((o) => o.id === farMember.organizationId)!;
      } else {
        const member = pickMember();
        memberId = member.id;
        memberName = member.name;
        local = { id: member.organizationId, name: nameOf.get(member.organizationId)! };
      }
      transfers.push(
        buildTransfer(random, {
          id: `T${pad(++transferSequence, 8)}`,
          memberId,
          memberName,
          direction: 'OUTGOING',
          status,
          local,
          localApprover: ROOT_NAME,
          farSide,
          today: DEMO_TODAY,
          letterSequence: (outLetter += 2),
          expiringSoon: status === 'IN_TRANSIT' && i < 4,
          reissued: status === 'IN_TRANSIT' && i === 6,
          receiptOverdue: status === 'RECEIVED' && i < 3,
        }),
      );
    }
    for (let i = 0; i < incoming; i++) {
      const home = random.pick(homes);
      const arrived = status === 'RECEIVED' || status === 'COMPLETED';
      const farMember = farSideMemberFor(`M${++farSideSequence}`);
      const farSide = FAR_SIDE_ORGANIZATIONS.find((o) => o.id === farMember.organizationId)!;
      if (arrived) {
        // Received here: the member now belongs to the receiving branch.
        const member = farSideMemberFor(farMember.id, { organizationId: home.id });
        if (usedIdCards.has(member.idCardNumber)) continue;
        usedIdCards.add(member.idCardNumber);
        members.push(member);
      }
      transfers.push(
        buildTransfer(random, {
          id: `T${pad(++transferSequence, 8)}`,
          memberId: farMember.id,
          memberName: farMember.name,
          direction: 'INCOMING',
          status,
          local: { id: home.id, name: home.name },
          localApprover: ROOT_NAME,
          farSide,
          today: DEMO_TODAY,
          letterSequence: (inLetter += 2),
          expiringSoon: status === 'IN_TRANSIT' && i < 3,
          receiptOverdue: status === 'RECEIVED' && i < 2,
        }),
      );
    }
  }
  return transfers;
}

let cached: DemoSubdistrict | undefined;

/**
 * 陇海马路街道 as the upstream system holds it: the same data on every call (built once). Treat
 * it as read-only; copy a record before changing it.
 */
export function demoSubdistrict(): DemoSubdistrict {
  cached ??= buildDemoSubdistrict();
  return cached;
}
