// The sync benchmark's baselines: the same upstream records the simulator serves (generated here
// from the same seed), written without the sync's machinery. First a raw mysql2 multi-row
// `INSERT … ON DUPLICATE KEY UPDATE` in batches, doing the per-row work the product must do (id
// card and phone encrypted with PiiCipher, the keyed look-up hash, the masked copies, the transfer's
// placement and letter expiry); then a naive TypeORM `repository.save()` per row over a sample.
// Generating the records is left out of the timed part: the product gets them from the simulator
// (another process), so the baseline's rate is what the database and the per-row work allow.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../infra/scripts/services.mjs';

const distOf = (file) => pathToFileURL(join(ROOT, 'packages/domain/dist', file)).href;
export const domain = await import(distOf('index.js'));
export const demo = await import(distOf('demo/index.js'));
import { memberRow } from './member-row.mjs';

const mysql = createRequire(join(ROOT, 'bench/package.json'))('mysql2/promise');

const quote = (name) => `\`${name}\``;

const ORGANIZATION_COLUMNS = [
  'id',
  'upstream_id',
  'upstream_version',
  'name',
  'type',
  'category',
  'parent_id',
  'path',
  'depth',
  'established_on',
  'unit_credit_codes',
  'deleted_at',
];
const MEMBER_COLUMNS = [
  'id',
  'upstream_id',
  'upstream_version',
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'id_card_cipher',
  'id_card_hash',
  'id_card_masked',
  'phone_cipher',
  'phone_masked',
  'education',
  'status',
  'joined_on',
  'full_member_on',
  'organization_id',
  'dues_paid_through',
  'flags',
  'deleted_at',
];

/** `INSERT … VALUES (…), … ON DUPLICATE KEY UPDATE c = VALUES(c), …` for `rows` rows. */
function upsertSql(table, columns, rows) {
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const updates = columns
    .filter((c) => c !== 'id' && c !== 'upstream_id')
    .map((c) => `${quote(c)} = VALUES(${quote(c)})`);
  return `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array(rows).fill(placeholders).join(', ')} ON DUPLICATE KEY UPDATE ${updates.join(', ')}`;
}

/**
 * The organisation tree with explicit ids (index + 1: parents come before children in the
 * generated list), so that members and transfers can refer to them without a look-up.
 */
export function organizationRows(population) {
  const ids = new Map(population.organizations.map((record, index) => [record.id, String(index + 1)]));
  const paths = new Map();
  return population.organizations.map((record, index) => {
    const id = String(index + 1);
    const parentId = record.parentId ? (ids.get(record.parentId) ?? null) : null;
    const parentPath = parentId ? paths.get(parentId) : null;
    const path = parentPath ? `${parentPath.path}${id}/` : `/${id}/`;
    const depth = parentPath ? parentPath.depth + 1 : 0;
    paths.set(id, { path, depth });
    return [
      id,
      record.id,
      1,
      record.name,
      record.type,
      record.category,
      parentId,
      path,
      depth,
      record.establishedOn ?? null,
      JSON.stringify(record.unitCreditCodes ?? []),
      null,
    ];
  });
}

/** Upstream organisation code → local id, as `organizationRows` numbers them. */
export function organizationIds(population) {
  return new Map(population.organizations.map((record, index) => [record.id, String(index + 1)]));
}


/**
 * Writes organisations, members and transfers with raw multi-row upserts on one connection,
 * `batch` rows a statement, each statement its own transaction (autocommit). Returns the rows
 * written and the seconds spent on the per-row work and on SQL, apart.
 */
export async function rawUpsert({ url, population, cipher, batch = 1000, onProgress = () => {} }) {
  const connection = await mysql.createConnection({ uri: url });
  const figures = { organizations: 0, members: 0, transfers: 0, workSeconds: 0, sqlSeconds: 0 };
  const sqlFor = new Map();
  const write = async (table, columns, rows) => {
    const key = `${table}:${rows.length}`;
    if (!sqlFor.has(key)) sqlFor.set(key, upsertSql(table, columns, rows.length));
    const started = performance.now();
    await connection.query(sqlFor.get(key), rows.flat());
    figures.sqlSeconds += (performance.now() - started) / 1000;
  };
  const work = (fn) => {
    const started = performance.now();
    const out = fn();
    figures.workSeconds += (performance.now() - started) / 1000;
    return out;
  };
  try {
    const orgRows = work(() => organizationRows(population));
    for (let i = 0; i < orgRows.length; i += batch)
      await write('organization', ORGANIZATION_COLUMNS, orgRows.slice(i, i + batch));
    figures.organizations = orgRows.length;
    const orgIds = organizationIds(population);

    for (let start = 0; start < population.memberCount; start += batch) {
      const records = [];
      for (let i = start; i < Math.min(start + batch, population.memberCount); i++)
        records.push(population.memberAt(i));
      const rows = work(() =>
        records.map((record, k) =>
          memberRow(record, String(start + k + 1), orgIds.get(record.organizationId), cipher),
        ),
      );
      await write('member', MEMBER_COLUMNS, rows);
      figures.members += rows.length;
      onProgress(figures);
    }

    let transferColumns;
    for (let start = 0; start < population.transferCount; start += batch) {
      const records = [];
      for (let i = start; i < Math.min(start + batch, population.transferCount); i++)
        records.push({ ...population.transferAt(i), version: 1 });
      const rows = work(() =>
        records.map((record) => {
          const memberIndex = population.memberIndexOf(record.memberId);
          const columns = domain.transferColumns(
            record,
            domain.placeTransfer(record, orgIds),
            memberIndex >= 0 ? String(memberIndex + 1) : null,
          );
          transferColumns ??= Object.keys(columns);
          return Object.values(columns);
        }),
      );
      await write('transfer', transferColumns, rows);
      figures.transfers += rows.length;
      onProgress(figures);
    }
  } finally {
    await connection.end();
  }
  return figures;
}

/**
 * A naive TypeORM import: `repository.save()` once per member, over the first `sample` members,
 * with the same per-row work. The organisations go in first with one raw upsert (not timed).
 */
export async function naiveTypeormSave({ url, population, cipher, sample }) {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const orgRows = organizationRows(population);
    for (let i = 0; i < orgRows.length; i += 1000) {
      const rows = orgRows.slice(i, i + 1000);
      await connection.query(upsertSql('organization', ORGANIZATION_COLUMNS, rows.length), rows.flat());
    }
  } finally {
    await connection.end();
  }
  const orgIds = organizationIds(population);
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 2 });
  try {
    const repository = dataSource.getRepository(domain.Member);
    const count = Math.min(sample, population.memberCount);
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const record = population.memberAt(i);
      const idCard = domain.normalizeIdCardNumber(record.idCardNumber);
      const phone = record.phone?.trim() || null;
      await repository.save(
        repository.create({
          upstreamId: record.id,
          upstreamVersion: 1,
          name: record.name,
          gender: record.gender,
          ethnicity: record.ethnicity || '汉族',
          birthDate: record.birthDate,
          idCardCipher: cipher.encrypt(idCard),
          idCardHash: cipher.lookupHash(idCard),
          idCardMasked: domain.maskIdCardNumber(idCard),
          phoneCipher: phone ? cipher.encrypt(phone) : null,
          phoneMasked: phone ? domain.maskPhone(phone) : null,
          education: record.education,
          status: record.status,
          joinedOn: record.joinedOn,
          fullMemberOn: record.fullMemberOn ?? null,
          organizationId: orgIds.get(record.organizationId),
          duesPaidThrough: record.duesPaidThrough ?? null,
          flags: record.flags ?? [],
        }),
      );
    }
    return { rows: count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await dataSource.destroy();
  }
}
