import { addDays, addYears } from './calendar.js';
import { makeMember } from './people.js';
import { mixSeed, Random } from './random.js';
import { DEMO_ROOT_ORGANIZATION_ID, DEMO_TODAY, type UpstreamMemberRecord, type UpstreamOrganizationRecord, type UpstreamTransferRecord, type UpstreamTransferStatus } from './records.js';
import { buildTransfer, FAR_SIDE_ORGANIZATIONS, farSideMemberFor } from './transfers.js';

export interface GeneratedPopulation {
  organizations: UpstreamOrganizationRecord[];
  memberAt(index: number): UpstreamMemberRecord;
  memberCount: number;
  transferAt(index: number): UpstreamTransferRecord;
  transferCount: number;
  /** The id of record N without generating it, and back (-1: not one of this population's). */
  memberIdAt(index: number): string;
  memberIndexOf(id: string): number;
  transferIdAt(index: number): string;
  transferIndexOf(id: string): number;
}

const memberIdAt = (index: number) => `M${String(index + 1).padStart(8, '0')}`;
const transferIdAt = (index: number) => `T${String(index + 1).padStart(8, '0')}`;

function indexOf(id: string, prefix: string, count: number): number {
  if (id.length !== 9 || id[0] !== prefix || !/^\d{8}$/.test(id.slice(1))) return -1;
  const index = Number(id.slice(1)) - 1;
  return index >= 0 && index < count ? index : -1;
}

const ROADS = [
  '陇海', '紫荆山', '城东', '航海', '南仓', '东明', '西大街', '商城', '顺河', '二里岗', '十八里河', '南关',
  '北下街', '书院', '货栈', '东关', '管城', '长江', '未来', '熊儿河', '金岱', '圃田', '凤凰', '康平',
];

const MEMBERS_PER_BRANCH = 40;
const BRANCHES_PER_COMMUNITY = 8;
const STATUSES: readonly UpstreamTransferStatus[] = [
  'PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'COMPLETED', 'RETURNED', 'WITHDRAWN', 'REVOKED', 'EXPIRED',
];
/** Birth days spread over 70 years (ages 20–90): together with the cycle, each id card is unique. */
const BIRTH_DAY_SPAN = 25_550;
const BIRTH_DAY_STRIDE = 7_919;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function communityName(index: number): string {
  const road = ROADS[index % ROADS.length];
  const round = Math.floor(index / ROADS.length);
  return round === 0 ? `${road}路社区` : `${road}路第${round + 1}社区`;
}

/**
 * A large synthetic subdistrict for benchmarks: the same root as the demo, communities of 8
 * branches of about 40 members. Members and transfers are produced on demand from their index, so
 * that a million of them need no memory until they are asked for.
 */
export function generatePopulation(options: { members: number; transfers: number; seed: number }): GeneratedPopulation {
  const memberCount = Math.max(0, Math.floor(options.members));
  const transferCount = Math.max(0, Math.floor(options.transfers));
  const seed = options.seed >>> 0;
  const branchCount = Math.max(1, Math.ceil(memberCount / MEMBERS_PER_BRANCH));
  const communityCount = Math.ceil(branchCount / BRANCHES_PER_COMMUNITY);

  const organizations: UpstreamOrganizationRecord[] = [
    {
      id: DEMO_ROOT_ORGANIZATION_ID,
      name: '陇海马路街道党工委',
      type: 'WORKING_COMMITTEE',
      category: 'SUBDISTRICT',
      parentId: null,
      establishedOn: '1998-09-01',
      unitCreditCodes: [],
    },
  ];
  const branchIds: string[] = [];
  const branchNames: string[] = [];
  for (let c = 0; c < communityCount; c++) {
    const communityId = `4101041${pad(c + 1, 5)}`;
    const branches = Math.min(BRANCHES_PER_COMMUNITY, branchCount - c * BRANCHES_PER_COMMUNITY);
    const name = communityName(c);
    const large = branches * MEMBERS_PER_BRANCH > 100;
    organizations.push({
      id: communityId,
      name: `${name}${large ? '党委' : '党总支'}`,
      type: large ? 'PARTY_COMMITTEE' : 'GENERAL_BRANCH',
      category: 'COMMUNITY',
      parentId: DEMO_ROOT_ORGANIZATION_ID,
      establishedOn: `${2000 + (c % 20)}-07-01`,
      unitCreditCodes: [],
    });
    for (let b = 1; b <= branches; b++) {
      const id = `${communityId}${pad(b, 3)}`;
      const branchName = `${name}第${b}网格党支部`;
      organizations.push({
        id,
        name: branchName,
        type: 'BRANCH',
        category: 'COMMUNITY',
        parentId: communityId,
        establishedOn: `${2008 + (b % 12)}-0${1 + (b % 9)}-15`,
        unitCreditCodes: [],
      });
      branchIds.push(id);
      branchNames.push(branchName);
    }
  }

  const oldestBirthDay = addDays(addYears(DEMO_TODAY, -90), 1);
  const branchOf = (index: number) => Math.min(branchCount - 1, Math.floor((index * branchCount) / Math.max(1, memberCount)));

  const memberAt = (index: number): UpstreamMemberRecord => {
    if (!Number.isInteger(index) || index < 0 || index >= memberCount) {
      throw new RangeError(`member index ${index} is outside 0…${memberCount - 1}`);
    }
    const random = new Random(mixSeed(seed, 1, index));
    const birthDate = addDays(oldestBirthDay, (index * BIRTH_DAY_STRIDE) % BIRTH_DAY_SPAN);
    return makeMember(random, {
      id: memberIdAt(index),
      organizationId: branchIds[branchOf(index)],
      today: DEMO_TODAY,
      birthDate,
      idCardSequence: Math.floor(index / BIRTH_DAY_SPAN),
    });
  };

  const transferAt = (index: number): UpstreamTransferRecord => {
    if (!Number.isInteger(index) || index < 0 || index >= transferCount) {
      throw new RangeError(`transfer index ${index} is outside 0…${transferCount - 1}`);
    }
    const random = new Random(mixSeed(seed, 2, index));
    const status = STATUSES[index % STATUSES.length];
    const outgoing = Math.floor(index / STATUSES.length) % 2 === 0;
    const settled = status === 'RECEIVED' || status === 'COMPLETED';
    const farMemberId = `M${pad(90_000_000 + index, 8)}`;
    let memberId: string;
    let memberName: string;
    let local: { id: string; name: string };
    let farSide = FAR_SIDE_ORGANIZATIONS[random.int(0, FAR_SIDE_ORGANIZATIONS.length - 1)];
    const inScopeMember = memberCount > 0 && (outgoing ? !settled : settled);
    if (inScopeMember) {
      // Still ours (moving out, not yet received elsewhere) or already arrived here.
      const memberIndex = random.int(0, memberCount - 1);
      const member = memberAt(memberIndex);
      const branch = branchOf(memberIndex);
      memberId = member.id;
      memberName = member.name;
      local = { id: branchIds[branch], name: branchNames[branch] };
    } else {
      const farMember = farSideMemberFor(farMemberId);
      const branch = random.int(0, branchIds.length - 1);
      memberId = farMember.id;
      memberName = farMember.name;
      local = { id: branchIds[branch], name: branchNames[branch] };
      farSide = FAR_SIDE_ORGANIZATIONS.find((o) => o.id === farMember.organizationId) ?? farSide;
    }
    return buildTransfer(random, {
      id: transferIdAt(index),
      memberId,
      memberName,
      direction: outgoing ? 'OUTGOING' : 'INCOMING',
      status,
      local,
      localApprover: '陇海马路街道党工委',
      farSide,
      today: DEMO_TODAY,
      letterSequence: 100 + (index % 800),
      expiringSoon: status === 'IN_TRANSIT' && index % 3 === 0,
      receiptOverdue: status === 'RECEIVED' && index % 2 === 0,
    });
  };

  return {
    organizations,
    memberAt,
    memberCount,
    transferAt,
    transferCount,
    memberIdAt,
    memberIndexOf: (id) => indexOf(id, 'M', memberCount),
    transferIdAt,
    transferIndexOf: (id) => indexOf(id, 'T', transferCount),
  };
}
