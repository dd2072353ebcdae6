import type { Gateway } from './harness.js';
import { Seeder, type SeededMember, type SeededOrganization } from './seed.js';

export const PASSWORD = 'Test-Passw0rd!';

/**
 * The subdistrict in small: two communities, a non-public enterprise branch with an instructor,
 * a building with its station, and one console user per role.
 */
export interface Fixture {
  seeder: Seeder;
  root: SeededOrganization;
  communityA: SeededOrganization;
  branchA: SeededOrganization;
  communityB: SeededOrganization;
  branchB: SeededOrganization;
  enterpriseBranch: SeededOrganization;
  buildingBranch: SeededOrganization;
  tenantBranch: SeededOrganization;
  members: Record<'a1' | 'a2' | 'b1' | 'e1' | 's1' | 't1', SeededMember>;
  transfers: Record<'a' | 'b', string>;
  users: Record<'adminA' | 'adminB' | 'instructor' | 'station' | 'viewer', string>;
}

export async function seedFixture(gw: Gateway): Promise<Fixture> {
  const seeder = new Seeder(gw.db.dataSource, gw.config.PII_ENCRYPTION_KEY);
  const root = await seeder.organization({
    name: '陇海马路街道党工委',
    type: 'WORKING_COMMITTEE',
    category: 'SUBDISTRICT',
    upstreamId: '410104001000',
  });
  const communityA = await seeder.organization({ name: '新郑路社区党委', type: 'PARTY_COMMITTEE', parent: root, upstreamId: '410104001001' });
  const branchA = await seeder.organization({ name: '新郑路社区第一党支部', parent: communityA, upstreamId: '410104001011' });
  const communityB = await seeder.organization({ name: '紫荆社区党委', type: 'PARTY_COMMITTEE', parent: root, upstreamId: '410104001002' });
  const branchB = await seeder.organization({ name: '紫荆社区第一党支部', parent: communityB, upstreamId: '410104001021' });
  const enterpriseBranch = await seeder.organization({ name: '某科技公司党支部', category: 'NON_PUBLIC_ENTERPRISE', parent: root });
  const buildingBranch = await seeder.organization({ name: '金融大厦楼宇党支部', category: 'BUILDING', parent: root });
  const tenantBranch = await seeder.organization({ name: '大厦入驻企业党支部', category: 'NON_PUBLIC_ENTERPRISE', parent: root });

  const members = {
    a1: await seeder.member({ name: '张三', organization: branchA }),
    a2: await seeder.member({ name: '张四', organization: branchA, status: 'PROBATIONARY', gender: 'FEMALE' }),
    b1: await seeder.member({ name: '李四', organization: branchB }),
    e1: await seeder.member({ name: '王五', organization: enterpriseBranch }),
    s1: await seeder.member({ name: '赵六', organization: buildingBranch }),
    t1: await seeder.member({ name: '钱七', organization: tenantBranch }),
  };
  const transfers = {
    a: await seeder.transfer({ organization: branchA, member: members.a1, status: 'PENDING_APPROVAL' }),
    b: await seeder.transfer({ organization: branchB, member: members.b1, status: 'PENDING_APPROVAL' }),
  };
  await seeder.user('xinzheng', PASSWORD, 'COMMUNITY_ADMIN', communityA);
  await seeder.user('zijing', PASSWORD, 'COMMUNITY_ADMIN', communityB);
  const instructorId = await seeder.user('guide', PASSWORD, 'INSTRUCTOR', root);
  await seeder.instructor(instructorId, root, [enterpriseBranch]);
  const stationId = await seeder.user('station', PASSWORD, 'STATION_STAFF', root);
  await seeder.station({
    name: '金融',
    under: root,
    staffUserIds: [stationId],
    community: communityA,
    buildingBranch,
    enterpriseOrganizations: [tenantBranch],
  });
  await seeder.user('viewer', PASSWORD, 'VIEWER', communityA);
  return {
    seeder,
    root,
    communityA,
    branchA,
    communityB,
    branchB,
    enterpriseBranch,
    buildingBranch,
    tenantBranch,
    members,
    transfers,
    users: {
      adminA: await gw.login('xinzheng', PASSWORD),
      adminB: await gw.login('zijing', PASSWORD),
      instructor: await gw.login('guide', PASSWORD),
      station: await gw.login('station', PASSWORD),
      viewer: await gw.login('viewer', PASSWORD),
    },
  };
}
