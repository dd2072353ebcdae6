// The gateway benchmark's data: a database of its own with the demo subdistrict's organisations,
// its members and daily-work records, and generated members and transfers up to the sizes asked
// for, spread over the demo organisations the way the demo's own members are. Everything goes in
// with multi-row INSERTs on one connection (about a minute for 100,000 members), and a database
// loaded once can be kept and reused by later runs.
import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../infra/scripts/services.mjs';

const domainDist = (file) => pathToFileURL(join(ROOT, 'packages/domain/dist', file)).href;
export const domain = await import(domainDist('index.js'));
const demo = await import(domainDist('demo/index.js'));
import { memberRow } from './member-row.mjs';

const mysql = createRequire(join(ROOT, 'bench/package.json'))('mysql2/promise');

const MARKER = join(process.env.DANGJIAN_DATA_DIR ?? join(ROOT, '.data'), 'bench-gateway.json');
const CHUNK = 1000;
/** Fixed, so that two loads of the same sizes hold the same people. */
const SEED = 20_240_601;

export function databaseUrlFor(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database a `--keep` run left behind, when it still exists with the sizes asked for. */
export async function keptDatabase(serverUrl, sizes) {
  if (!existsSync(MARKER)) return null;
  let kept;
  try {
    kept = JSON.parse(readFileSync(MARKER, 'utf8'));
  } catch {
    return null;
  }
  if (kept.members !== sizes.members || kept.transfers !== sizes.transfers || !/^dangjian_bench_[a-z0-9]+$/.test(kept.database)) return null;
  const connection = await mysql.createConnection({ uri: databaseUrlFor(serverUrl, ''), connectTimeout: 5000 });
  try {
    const [found] = await connection.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [kept.database]);
    if (!found.length) return null;
    const [[counts]] = await connection.query(
      `SELECT (SELECT COUNT(*) FROM \`${kept.database}\`.member) AS members, (SELECT COUNT(*) FROM \`${kept.database}\`.transfer) AS transfers`,
    );
    if (Number(counts.members) !== sizes.members || Number(counts.transfers) !== sizes.transfers) return null;
  } catch {
    return null;
  } finally {
    await connection.end();
  }
  return kept;
}

export function rememberKept(kept) {
  mkdirSync(join(MARKER, '..'), { recursive: true });
  writeFileSync(MARKER, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  chmodSync(MARKER, 0o600);
}

export function forgetKept() {
  rmSync(MARKER, { force: true });
}

export const keptMarkerPath = MARKER;

/** A new database name and the secrets its encrypted columns and first administrator are made with. */
export function newBenchIdentity() {
  const database = `dangjian_bench_${randomBytes(4).toString('hex')}`;
  return {
    database,
    piiKey: createHash('sha256').update(randomBytes(32)).digest('hex'),
    adminUsername: 'bench-admin',
    adminPassword: `Bench-${randomBytes(9).toString('base64url')}-9x`,
  };
}

/** Picks an organisation for member number `index` in proportion to the demo's own members. */
function weightedPicker(weights) {
  const entries = [...weights.entries()];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = [];
  let running = 0;
  for (const [id, weight] of entries) {
    running += weight;
    cumulative.push([running / total, id]);
  }
  return (fraction) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid][0] > fraction) hi = mid;
      else lo = mid + 1;
    }
    return cumulative[lo][1];
  };
}

/** A number in [0, 1) from an integer, the same every run (a golden-ratio sequence, well spread). */
const spread = (index, salt) => ((index + 1) * 0.6180339887498949 + salt * 0.7548776662466927) % 1;

async function insertRows(connection, table, columns, rows) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK);
    const placeholders = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await connection.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${placeholders}`, part.flat());
  }
}


const MEMBER_COLUMNS = [
  'id', 'upstream_id', 'upstream_version', 'name', 'gender', 'ethnicity', 'birth_date', 'id_card_cipher', 'id_card_hash',
  'id_card_masked', 'phone_cipher', 'phone_masked', 'education', 'status', 'joined_on', 'full_member_on', 'organization_id',
  'dues_paid_through', 'flags', 'deleted_at',
];

const TRANSFER_COLUMNS = [
  'upstream_id', 'upstream_version', 'member_id', 'member_upstream_id', 'member_name', 'direction', 'kind', 'status',
  'organization_id', 'from_organization_upstream_id', 'from_organization_name', 'to_organization_upstream_id',
  'to_organization_name', 'reason', 'letter_number', 'letter_issued_on', 'letter_valid_days', 'letter_expires_on',
  'received_on', 'receipt_on', 'history', 'sync_state',
];

function transferRow(record, { direction, organizationId, memberId, draft }) {
  return [
    draft ? null : record.id,
    draft ? null : 1,
    memberId,
    record.memberId,
    record.memberName,
    direction,
    record.kind,
    draft ? 'DRAFT' : record.status,
    organizationId,
    record.fromOrganizationId,
    record.fromOrganizationName,
    record.toOrganizationId ?? null,
    record.toOrganizationName,
    record.reason ?? null,
    draft ? null : (record.letterNumber ?? null),
    draft ? null : (record.letterIssuedOn ?? null),
    draft ? null : (record.letterValidDays ?? null),
    draft ? null : demo.letterExpiresOn(record),
    draft ? null : (record.receivedOn ?? null),
    draft ? null : (record.receiptOn ?? null),
    JSON.stringify(draft ? [] : (record.history ?? [])),
    draft ? 'LOCAL_ONLY' : 'SYNCED',
  ];
}

/**
 * Creates and migrates `identity.database` and fills it: the demo organisations (ids 1…, in tree
 * order, with their materialised paths), the demo members and the demo's daily-work records, then
 * generated members (about 1 in 100 soft-deleted, as people who left) and transfers in every
 * status over them. Returns what was loaded.
 */
export async function loadBenchDatabase(serverUrl, identity, sizes, log) {
  const url = databaseUrlFor(serverUrl, identity.database);
  await domain.ensureDatabase(url);
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 2 });
  try {
    const applied = await domain.migrate(dataSource);
    log(`  migrated (${applied.length} migrations)`);
  } finally {
    await dataSource.destroy();
  }

  const cipher = new domain.PiiCipher(identity.piiKey);
  const subdistrict = demo.demoSubdistrict();
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000, charset: 'utf8mb4' });
  const started = performance.now();
  try {
    // Bulk load: the rows are consistent by construction; checking each again would only be slower.
    await connection.query('SET foreign_key_checks = 0, unique_checks = 0');

    // Organisations: parents before children, local ids 1… and paths "/1/4/17/".
    const localOrg = new Map();
    const orgRows = [];
    const pending = [...subdistrict.organizations];
    let nextId = 1;
    while (pending.length) {
      const index = pending.findIndex((o) => o.parentId === null || localOrg.has(o.parentId));
      if (index < 0) throw new Error('the demo organisations do not form a tree');
      const [org] = pending.splice(index, 1);
      const parent = org.parentId ? localOrg.get(org.parentId) : null;
      const id = nextId++;
      const path = `${parent ? parent.path : '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      localOrg.set(org.id, { id, path, depth, name: org.name });
      orgRows.push([id, org.id, 1, org.name, org.type, org.category, parent?.id ?? null, path, depth, org.establishedOn, JSON.stringify(org.unitCreditCodes ?? []), id]);
    }
    await insertRows(
      connection,
      'organization',
      ['id', 'upstream_id', 'upstream_version', 'name', 'type', 'category', 'parent_id', 'path', 'depth', 'established_on', 'unit_credit_codes', 'sort_order'],
      orgRows,
    );

    // Members: the demo's own first, then generated ones in the same proportions per organisation.
    const weights = new Map();
    for (const member of subdistrict.members) weights.set(member.organizationId, (weights.get(member.organizationId) ?? 0) + 1);
    const pick = weightedPicker(weights);
    const localMember = new Map();
    let memberId = 1;
    const demoRows = subdistrict.members.map((record) => {
      const id = memberId++;
      localMember.set(record.id, { id, organizationId: localOrg.get(record.organizationId).id, organizationUpstreamId: record.organizationId });
      return memberRow(record, id, localOrg.get(record.organizationId).id, cipher, false);
    });
    await insertRows(connection, 'member', MEMBER_COLUMNS, demoRows);

    const generatedMembers = Math.max(0, sizes.members - subdistrict.members.length);
    const generatedTransfers = Math.max(0, sizes.transfers - subdistrict.transfers.length);
    const population = demo.generatePopulation({ members: generatedMembers, transfers: generatedTransfers, seed: SEED });
    const memberOrgOf = (index) => pick(spread(index, 1));
    for (let start = 0; start < generatedMembers; start += CHUNK * 5) {
      const rows = [];
      for (let i = start; i < Math.min(generatedMembers, start + CHUNK * 5); i++) {
        const record = population.memberAt(i);
        const upstreamOrg = memberOrgOf(i);
        const id = memberId++;
        localMember.set(record.id, { id, organizationId: localOrg.get(upstreamOrg).id, organizationUpstreamId: upstreamOrg });
        rows.push(memberRow(record, id, localOrg.get(upstreamOrg).id, cipher, i % 97 === 13));
      }
      await insertRows(connection, 'member', MEMBER_COLUMNS, rows);
    }
    log(`  ${memberId - 1} members in ${localOrg.size} organisations (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    // Transfers: the demo's, then generated ones whose local side is the member's organisation
    // (or, for a member from elsewhere, an organisation picked the same way).
    const generatedOrgIds = new Set(population.organizations.map((o) => o.id));
    const transferRows = [];
    for (const record of subdistrict.transfers) {
      const from = localOrg.get(record.fromOrganizationId);
      const to = record.toOrganizationId ? localOrg.get(record.toOrganizationId) : undefined;
      transferRows.push(
        transferRow(record, {
          direction: from ? 'OUTGOING' : 'INCOMING',
          organizationId: (from ?? to)?.id ?? null,
          memberId: localMember.get(record.memberId)?.id ?? null,
          draft: false,
        }),
      );
    }
    for (let i = 0; i < generatedTransfers; i++) {
      const record = population.transferAt(i);
      const outgoing = generatedOrgIds.has(record.fromOrganizationId);
      const member = localMember.get(record.memberId);
      const upstreamOrg = member ? member.organizationUpstreamId : pick(spread(i, 2));
      const local = localOrg.get(upstreamOrg);
      const localSide = { id: upstreamOrg, name: local.name };
      // The generator numbers its transfers from T00000001 like the demo's: keep the two apart.
      const renumbered = { ...record, id: `T9${record.id.slice(1)}` };
      const placed = outgoing
        ? { ...renumbered, fromOrganizationId: localSide.id, fromOrganizationName: localSide.name }
        : { ...renumbered, toOrganizationId: localSide.id, toOrganizationName: localSide.name };
      // A few applications still being written here, never sent upstream: the one local-only status.
      const draft = outgoing && member !== undefined && record.status === 'PENDING_APPROVAL' && i % 4 === 0;
      transferRows.push(transferRow(placed, { direction: outgoing ? 'OUTGOING' : 'INCOMING', organizationId: local.id, memberId: member?.id ?? null, draft }));
    }
    await insertRows(connection, 'transfer', TRANSFER_COLUMNS, transferRows);
    log(`  ${transferRows.length} transfers (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    await connection.query('ANALYZE TABLE organization, member, transfer');
  } finally {
    await connection.end();
  }

  // The demo's daily work (committees, staff, instructors, activities…) for the overview's figures.
  const seeded = await domain.openDataSource({ databaseUrl: url, poolSize: 2 });
  try {
    const { seedDemo } = await import(domainDist('seed/index.js'));
    const summary = await seedDemo(seeded, { cipher, today: demo.DEMO_TODAY });
    log(`  demo daily-work records: ${summary.created}`);
  } finally {
    await seeded.destroy();
  }
  return { url };
}

/** Brings a kept database's schema up to date (a new migration since it was loaded). */
export async function migrateKept(url) {
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 2 });
  try {
    return await domain.migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
