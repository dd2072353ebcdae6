import { describe, expect, it } from 'vitest';
import { validateCreditCode } from '../rules/credit-code.js';
import { addDays, addYears, daysBetween } from '../rules/dates.js';
import { validateIdCardNumber } from '../rules/id-card.js';
import {
  ageOn,
  creditCodeWithCheck,
  DEMO_ELECTION_DATE,
  DEMO_ROOT_ORGANIZATION_ID,
  DEMO_TODAY,
  demoSubdistrict,
  generatePopulation,
  idCardWithCheck,
  letterExpiresOn,
  type UpstreamOrganizationRecord,
} from './index.js';
import { organizationCodeWithCheck } from './people.js';
import { buildDemoSubdistrict } from './subdistrict.js';

const demo = demoSubdistrict();
const organizationById = new Map(demo.organizations.map((o) => [o.id, o]));
const memberById = new Map(demo.members.map((m) => [m.id, m]));
const childrenOf = (id: string) => demo.organizations.filter((o) => o.parentId === id);
const JUNIOR_COLLEGE_OR_ABOVE = new Set(['JUNIOR_COLLEGE', 'UNDERGRADUATE', 'POSTGRADUATE']);

function expectTree(organizations: UpstreamOrganizationRecord[], rootId: string) {
  const ids = new Set(organizations.map((o) => o.id));
  expect(ids.size).toBe(organizations.length);
  const roots = organizations.filter((o) => o.parentId === null);
  expect(roots.map((o) => o.id)).toEqual([rootId]);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  for (const organization of organizations) {
    expect(organization.id).toMatch(/^\d{12,15}$/);
    if (organization.parentId !== null) expect(ids.has(organization.parentId), `${organization.id}'s parent`).toBe(true);
    // Walking up reaches the root without a cycle.
    let node: UpstreamOrganizationRecord | undefined = organization;
    for (let steps = 0; node && node.parentId !== null; steps++) {
      expect(steps).toBeLessThan(10);
      node = byId.get(node.parentId);
    }
    expect(node?.id).toBe(rootId);
  }
}

describe('the demo subdistrict, 陇海马路街道', () => {
  it('is one tree under the working committee', () => {
    const root = organizationById.get(DEMO_ROOT_ORGANIZATION_ID)!;
    expect(root).toMatchObject({ name: '陇海马路街道党工委', type: 'WORKING_COMMITTEE', category: 'SUBDISTRICT', parentId: null });
    expect(demo.rootOrganizationId).toBe(DEMO_ROOT_ORGANIZATION_ID);
    expectTree(demo.organizations, DEMO_ROOT_ORGANIZATION_ID);
    for (const member of demo.members) expect(organizationById.has(member.organizationId), member.id).toBe(true);
  });

  it('has the 9 communities of the article, with their Party organisations', () => {
    expect(demo.communities.map((c) => c.name)).toEqual([
      '新郑路社区', '紫薇社区', '陇海东路第三社区', '紫荆社区', '陇海东路第二社区', '陇新社区', '陇海东路第一社区', '黄金叶社区', '郑新里社区',
    ]);
    expect(demo.communities.map((c) => c.shortName)).toEqual(['新郑路', '紫薇', '陇三', '紫荆', '陇二', '陇新', '陇一', '黄金叶', '郑新里']);
    const typeOf = (shortName: string) => organizationById.get(demo.communities.find((c) => c.shortName === shortName)!.organizationId)!.type;
    expect(['新郑路', '陇三', '陇一'].map(typeOf)).toEqual(['GENERAL_BRANCH', 'GENERAL_BRANCH', 'GENERAL_BRANCH']);
    expect(typeOf('紫薇')).toBe('BRANCH');
    for (const community of demo.communities) {
      const organization = organizationById.get(community.organizationId)!;
      expect(organization).toMatchObject({ category: 'COMMUNITY', parentId: DEMO_ROOT_ORGANIZATION_ID });
      expect(organization.name.startsWith(community.name)).toBe(true);
      const children = childrenOf(organization.id);
      const branches = children.filter((o) => o.type === 'BRANCH');
      if (organization.type === 'BRANCH') {
        // A 党支部 has no branches under it, only Party groups.
        expect(branches).toHaveLength(0);
        expect(children.filter((o) => o.type === 'PARTY_GROUP').length).toBeGreaterThanOrEqual(2);
      } else {
        expect(['PARTY_COMMITTEE', 'GENERAL_BRANCH']).toContain(organization.type);
        expect(branches.length).toBeGreaterThanOrEqual(2);
        expect(branches.length).toBeLessThanOrEqual(5);
        expect(branches.every((b) => b.category === 'COMMUNITY')).toBe(true);
      }
      const groups = demo.organizations.filter(
        (o) => o.type === 'PARTY_GROUP' && (o.parentId === organization.id || branches.some((b) => b.id === o.parentId)),
      );
      expect(groups.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('has exactly 8 non-public and social-organisation branches, without sub-organisations', () => {
    const nonPublic = demo.organizations.filter((o) => o.category === 'NON_PUBLIC_ENTERPRISE' || o.category === 'SOCIAL_ORGANIZATION');
    expect(nonPublic).toHaveLength(8);
    expect(new Set(nonPublic.map((o) => o.category))).toEqual(new Set(['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION']));
    for (const organization of nonPublic) {
      expect(childrenOf(organization.id)).toHaveLength(0);
      expect(organization.unitCreditCodes.length).toBeGreaterThanOrEqual(1);
      if (organization.type === 'JOINT_BRANCH') expect(organization.unitCreditCodes.length).toBeGreaterThanOrEqual(2);
      else expect(organization.unitCreditCodes).toHaveLength(1);
    }
    expect(nonPublic.filter((o) => o.type === 'JOINT_BRANCH').length).toBeGreaterThanOrEqual(2);
    expect(demo.nonPublicBranches.map((b) => b.organizationId).sort()).toEqual(nonPublic.map((o) => o.id).sort());
    const communityIds = new Set(demo.communities.map((c) => c.organizationId));
    for (const branch of demo.nonPublicBranches) {
      const organization = organizationById.get(branch.organizationId)!;
      expect(organization.category).toBe(branch.category);
      expect(organization.unitCreditCodes).toEqual(branch.units.map((u) => u.creditCode));
      expect(branch.unitCreditCode).toBe(organization.unitCreditCodes[0]);
      expect(communityIds.has(branch.communityOrganizationId)).toBe(true);
    }
  });

  it('has 2 office buildings, each with a joint branch of category BUILDING', () => {
    expect(demo.buildings).toHaveLength(2);
    for (const building of demo.buildings) {
      const branch = organizationById.get(building.branchOrganizationId)!;
      expect(branch).toMatchObject({ type: 'JOINT_BRANCH', category: 'BUILDING' });
      const codes = new Set(building.enterprises.map((e) => e.creditCode));
      expect(branch.unitCreditCodes.length).toBeGreaterThanOrEqual(2);
      expect(branch.unitCreditCodes.every((code) => codes.has(code))).toBe(true);
      expect(demo.communities.some((c) => c.organizationId === building.communityOrganizationId)).toBe(true);
    }
  });

  it('elected 27 committee members in 9 communities with the figures the article reports', () => {
    expect(demo.committees).toHaveLength(9);
    const seats = demo.committees.flatMap((committee) => {
      expect(committee.electedOn).toBe('2021-12-18');
      expect(committee.seats).toHaveLength(3);
      expect(committee.seats.filter((s) => s.role === 'SECRETARY')).toHaveLength(1);
      return committee.seats.map((seat) => {
        const member = memberById.get(seat.memberId)!;
        expect(member.status).toBe('FULL');
        expect(member.organizationId).toBe(committee.organizationId);
        expect(member.fullMemberOn! <= committee.electedOn).toBe(true);
        return { ...seat, member };
      });
    });
    expect(seats).toHaveLength(27);
    expect(new Set(seats.map((s) => s.memberId)).size).toBe(27);
    expect(seats.some((s) => s.role === 'DEPUTY_SECRETARY')).toBe(true);
    const ages = seats.map((s) => ageOn(s.member.birthDate, DEMO_ELECTION_DATE));
    const sum = ages.reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThanOrEqual(928);
    expect(sum).toBeLessThanOrEqual(930);
    expect((sum / 27).toFixed(1)).toBe('34.4');
    expect(ages.filter((age) => age <= 35)).toHaveLength(17);
    const educated = seats.filter((s) => JUNIOR_COLLEGE_OR_ABOVE.has(s.member.education)).length;
    expect(educated).toBe(26);
    expect(((educated / 27) * 100).toFixed(1)).toBe('96.3');
    expect(seats.filter((s) => s.member.gender === 'FEMALE').length).toBeGreaterThan(0);
    // A community term is 5 years: the terms end within the 90-day warning window of the demo day.
    const termEnd = addYears(DEMO_ELECTION_DATE, 5);
    expect(daysBetween(DEMO_TODAY, termEnd)).toBeGreaterThan(0);
    expect(daysBetween(DEMO_TODAY, termEnd)).toBeLessThanOrEqual(90);
  });

  it('gives every member a valid, unique id card number of 管城区 that matches birth date and gender', () => {
    const seen = new Set<string>();
    for (const member of demo.members) {
      const check = validateIdCardNumber(member.idCardNumber);
      expect(check, member.id).toMatchObject({ valid: true, birthDate: member.birthDate, gender: member.gender });
      expect(member.idCardNumber.startsWith('410104')).toBe(true);
      expect(seen.has(member.idCardNumber)).toBe(false);
      seen.add(member.idCardNumber);
      if (member.phone !== null) expect(member.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('has members like a real subdistrict: ages 20–90, mixed education, about 10% probationary', () => {
    expect(demo.members.length).toBeGreaterThan(2500);
    expect(demo.members.length).toBeLessThan(3500);
    const ages = demo.members.map((m) => ageOn(m.birthDate, DEMO_TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...ages)).toBeLessThanOrEqual(90);
    expect(new Set(demo.members.map((m) => m.education)).size).toBe(6);
    const probationary = demo.members.filter((m) => m.status === 'PROBATIONARY').length / demo.members.length;
    expect(probationary).toBeGreaterThan(0.07);
    expect(probationary).toBeLessThan(0.13);
    expect(demo.members.some((m) => m.flags.includes('MOBILE'))).toBe(true);
    expect(demo.members.some((m) => m.flags.includes('LOST_CONTACT'))).toBe(true);
    expect(demo.members.some((m) => m.gender === 'FEMALE') && demo.members.some((m) => m.ethnicity === '回族')).toBe(true);
    for (const member of demo.members) {
      expect(member.joinedOn >= addYears(member.birthDate, 18), member.id).toBe(true);
      expect(member.joinedOn <= DEMO_TODAY).toBe(true);
      if (member.status === 'FULL') {
        expect(member.fullMemberOn! >= addYears(member.joinedOn, 1)).toBe(true);
        expect(member.fullMemberOn! <= DEMO_TODAY).toBe(true);
      } else {
        expect(member.fullMemberOn).toBeNull();
      }
      expect(member.duesPaidThrough).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(member.duesPaidThrough! >= member.joinedOn.slice(0, 7)).toBe(true);
    }
    // Some probation has run past a year without a decision: the rule engine has something to flag.
    expect(demo.members.some((m) => m.status === 'PROBATIONARY' && addYears(m.joinedOn, 1) < DEMO_TODAY)).toBe(true);
  });

  it('gives every unit a valid credit code, its organisation code checked too', () => {
    const codes = [...demo.nonPublicBranches.flatMap((b) => b.units), ...demo.buildings.flatMap((b) => b.enterprises)].map((u) => u.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(validateCreditCode(code), code).toMatchObject({ valid: true });
      expect(code.slice(2, 8)).toBe('410104');
      expect(organizationCodeWithCheck(code.slice(8, 16))).toBe(code.slice(8, 17));
    }
  });

  it('has about 80 transfers in every status, both outgoing and incoming, that hang together', () => {
    expect(demo.transfers.length).toBeGreaterThanOrEqual(75);
    expect(demo.transfers.length).toBeLessThanOrEqual(85);
    const inScope = (id: string | null) => id !== null && organizationById.has(id);
    const outgoing = demo.transfers.filter((t) => inScope(t.fromOrganizationId));
    const incoming = demo.transfers.filter((t) => inScope(t.toOrganizationId));
    expect(outgoing.length + incoming.length).toBe(demo.transfers.length);
    const statuses = ['PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'COMPLETED', 'RETURNED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'];
    for (const status of statuses) {
      expect(outgoing.some((t) => t.status === status), `outgoing ${status}`).toBe(true);
      expect(incoming.some((t) => t.status === status), `incoming ${status}`).toBe(true);
    }
    expect(new Set(demo.transfers.map((t) => t.id)).size).toBe(demo.transfers.length);
    for (const transfer of demo.transfers) {
      const { history } = transfer;
      expect(history[0].status).toBe('PENDING_APPROVAL');
      expect(history[history.length - 1].status).toBe(transfer.status);
      for (let i = 1; i < history.length; i++) expect(history[i].at > history[i - 1].at, transfer.id).toBe(true);
      expect(history[history.length - 1].at.slice(0, 10) <= DEMO_TODAY).toBe(true);
      const issued = history.some((h) => h.status === 'IN_TRANSIT');
      expect(transfer.letterNumber !== null, transfer.id).toBe(issued);
      if (issued) expect([30, 90]).toContain(transfer.letterValidDays);
      expect(transfer.receivedOn !== null).toBe(history.some((h) => h.status === 'RECEIVED'));
      expect(transfer.receiptOn !== null).toBe(transfer.status === 'COMPLETED');
      const member = memberById.get(transfer.memberId);
      const ours = inScope(transfer.fromOrganizationId);
      if (ours && ['RECEIVED', 'COMPLETED'].includes(transfer.status)) expect(member, transfer.id).toBeUndefined();
      else if (ours) expect(member?.organizationId).toBe(transfer.fromOrganizationId);
      else if (['RECEIVED', 'COMPLETED'].includes(transfer.status)) expect(member?.organizationId).toBe(transfer.toOrganizationId);
      else expect(member).toBeUndefined();
      if (member) expect(member.name).toBe(transfer.memberName);
    }
    const expiringSoon = demo.transfers.filter((t) => {
      const expiresOn = letterExpiresOn(t);
      return t.status === 'IN_TRANSIT' && expiresOn !== null && expiresOn >= DEMO_TODAY && expiresOn <= addDays(DEMO_TODAY, 7);
    });
    expect(expiringSoon.length).toBeGreaterThanOrEqual(3);
    expect(demo.transfers.filter((t) => t.status === 'IN_TRANSIT').every((t) => letterExpiresOn(t)! >= DEMO_TODAY)).toBe(true);
    const receiptOverdue = demo.transfers.filter((t) => t.status === 'RECEIVED' && daysBetween(t.receivedOn!, DEMO_TODAY) > 30);
    expect(receiptOverdue.length).toBeGreaterThanOrEqual(2);
    for (const transfer of demo.transfers.filter((t) => t.status === 'EXPIRED')) {
      expect(letterExpiresOn(transfer)! < DEMO_TODAY).toBe(true);
      expect(transfer.history[transfer.history.length - 1].by).toBeNull();
    }
  });

  it('is the same on every call and every build', () => {
    expect(demoSubdistrict()).toBe(demo);
    expect(JSON.stringify(buildDemoSubdistrict())).toBe(JSON.stringify(demo));
  });
});

describe('check characters', () => {
  it('completes an id card number and a credit code', () => {
    expect(idCardWithCheck('11010519491231002')).toBe('11010519491231002X');
    expect(validateIdCardNumber(idCardWithCheck('41010419800101001')).valid).toBe(true);
    expect(creditCodeWithCheck('91350100M000100Y4')).toBe('91350100M000100Y43');
  });
});

describe('a generated population', () => {
  const population = generatePopulation({ members: 100_000, transfers: 5_000, seed: 7 });

  it('is a tree under the same root, with every member in a branch of it', () => {
    expectTree(population.organizations, DEMO_ROOT_ORGANIZATION_ID);
    const ids = new Set(population.organizations.filter((o) => o.type === 'BRANCH').map((o) => o.id));
    expect(population.memberCount).toBe(100_000);
    for (const index of [0, 1, 39, 40, 50_000, 99_999]) expect(ids.has(population.memberAt(index).organizationId)).toBe(true);
    expect(() => population.memberAt(100_000)).toThrow(RangeError);
    expect(population.memberIdAt(41)).toBe(population.memberAt(41).id);
    expect(population.memberIndexOf(population.memberAt(41).id)).toBe(41);
    expect(population.memberIndexOf('M90000001')).toBe(-1);
    expect(population.transferIndexOf(population.transferAt(9).id)).toBe(9);
    expect(population.transferIndexOf('X00000001')).toBe(-1);
  });

  it('gives the same record for the same seed and index, and another for another seed', () => {
    const again = generatePopulation({ members: 100_000, transfers: 5_000, seed: 7 });
    expect(again.memberAt(12_345)).toEqual(population.memberAt(12_345));
    expect(again.transferAt(77)).toEqual(population.transferAt(77));
    const other = generatePopulation({ members: 100_000, transfers: 5_000, seed: 8 });
    expect(other.memberAt(12_345).name + other.memberAt(12_345).phone).not.toBe(population.memberAt(12_345).name + population.memberAt(12_345).phone);
  });

  it('never gives two members the same id card number', () => {
    const seen = new Set<string>();
    for (let i = 0; i < population.memberCount; i += 7) {
      const member = population.memberAt(i);
      expect(seen.has(member.idCardNumber)).toBe(false);
      seen.add(member.idCardNumber);
      if (i % 7_000 === 0) expect(validateIdCardNumber(member.idCardNumber).valid).toBe(true);
    }
  });

  it('has transfers in every status that refer to its members', () => {
    const statuses = new Set<string>();
    for (let i = 0; i < 90; i++) {
      const transfer = population.transferAt(i);
      statuses.add(transfer.status);
      if (transfer.memberId < 'M9') expect(population.memberAt(Number(transfer.memberId.slice(1)) - 1).name).toBe(transfer.memberName);
    }
    expect(statuses.size).toBe(9);
  });
});
