import { inflateRawSync } from 'node:zlib';
import { todayIn } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../test/support/expect.js';
import { PASSWORD, seedFixture, type Fixture } from '../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../test/support/harness.js';

/** The entries of a .zip (what a .docx is), read from its central directory. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error('broken central directory');
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const local = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const BRIEFING = `query ($input: WorkBriefingInput!) {
  workBriefing(input: $input) {
    title subject organizationId
    period { from to asOf label }
    sections { key heading paragraphs { title text figures { label value source { entityType filter count } } } }
  }
}`;

describe('工作简报: the query and the .docx export', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const today = todayIn('Asia/Shanghai');
  const from = `${today.slice(0, 4)}-01-01`;

  beforeAll(async () => {
    gw = await startGateway('briefing');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('writes a briefing for the scope, each figure with the list filter behind it', async () => {
    const briefing = expectOk(
      await gw.gql<{
        workBriefing: {
          title: string;
          period: { label: string };
          sections: Array<{
            key: string;
            paragraphs: Array<{
              text: string;
              figures: Array<{
                value: string;
                source: { entityType: string; filter: string; count: number };
              }>;
            }>;
          }>;
        };
      }>(BRIEFING, { input: { from, to: today } }, { token: admin }),
    ).workBriefing;
    expect(briefing.title).toBe('陇海马路街道党建工作简报');
    const summary = briefing.sections.find((s) => s.key === 'summary')!;
    expect(summary.paragraphs[0].text).toContain('党员6名');
    const members = summary.paragraphs[0].figures.find((f) => f.source.entityType === 'Member')!;
    expect(JSON.parse(members.source.filter)).toEqual({ includeDescendants: true });
    expect(members.source.count).toBe(6);

    // A community admin's briefing covers their community only.
    const community = await gw.login('xinzheng', PASSWORD);
    const own = expectOk(
      await gw.gql<{
        workBriefing: { title: string; sections: Array<{ paragraphs: Array<{ text: string }> }> };
      }>(BRIEFING, { input: { from, to: today } }, { token: community }),
    ).workBriefing;
    expect(own.title).toBe('新郑路社区党建工作简报');
    expect(own.sections[0].paragraphs[0].text).toContain('党员2名');
    const outside = await gw.gql(
      BRIEFING,
      { input: { from, to: today, organizationId: fx.communityB.id } },
      { token: community },
    );
    expectError(outside, 'NOT_FOUND');
    expectError(
      await gw.gql(BRIEFING, { input: { from: today, to: from } }, { token: admin }),
      'BAD_USER_INPUT',
    );
  });

  it('exports the edited briefing as a .docx whose document holds the edited text, and audits it', async () => {
    const edited = {
      title: '陇海马路街道党建工作简报（第12期）',
      period: '2026年1月1日—2026年11月26日',
      sections: [
        {
          heading: '聚焦“支部管理”，实现基层党建工作长效常态',
          paragraphs: [
            {
              title: null,
              text: '9个社区共选出书记、委员27名，平均年龄34.4岁，大专及以上学历占比96.3%。此句经过人工修改。',
            },
          ],
        },
        {
          heading: '各社区党建工作有亮点',
          paragraphs: [
            { title: '新郑路社区', text: '搭建了党员加油站 & 志愿服务站 <示范点>。' },
            { title: null, text: '   ' },
          ],
        },
      ],
    };
    const response = await fetch(`${gw.url}/export/briefing.docx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(edited),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain(
      '陇海马路街道党建工作简报（第12期）',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('此句经过人工修改。');
    expect(xml).toContain('一、聚焦“支部管理”，实现基层党建工作长效常态');
    expect(xml).toContain('二、各社区党建工作有亮点');
    expect(xml).toContain('（一）新郑路社区');
    expect(xml).toContain('搭建了党员加油站 &amp; 志愿服务站 &lt;示范点&gt;。');
    expect(xml).toContain('（2026年1月1日—2026年11月26日）');

    const audit = (await gw.db.dataSource.query(
      "SELECT actor, reason FROM audit_log WHERE action = 'EXPORT' AND entity_type = 'Briefing'",
    )) as Array<{ actor: string; reason: string }>;
    expect(audit).toEqual([
      { actor: ADMIN_USERNAME, reason: '导出工作简报「陇海马路街道党建工作简报（第12期）」（2 部分，2 段）' },
    ]);
  });

  it('refuses an export without sign-in, without the export permission, or without content', async () => {
    const body = JSON.stringify({
      title: '简报',
      sections: [{ heading: '一', paragraphs: [{ text: '正文' }] }],
    });
    const anonymous = await fetch(`${gw.url}/export/briefing.docx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(anonymous.status).toBe(401);
    const viewer = await fetch(`${gw.url}/export/briefing.docx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.users.viewer}` },
      body,
    });
    expect(viewer.status).toBe(403);
    const empty = await fetch(`${gw.url}/export/briefing.docx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ title: '', sections: [] }),
    });
    expect(empty.status).toBe(400);
    const problem = (await empty.json()) as {
      errors: Array<{ message: string; extensions: { code: string; fields: Array<{ field: string }> } }>;
    };
    expect(problem.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(problem.errors[0].extensions.fields.map((f) => f.field)).toEqual(['title', 'sections']);
    expect(problem.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});
