import type { DataSource } from 'typeorm';
import {
  EDUCATIONS,
  GENDERS,
  MEMBER_FLAGS,
  MEMBER_STATUSES,
  type Education,
  type Gender,
  type MemberFlag,
  type MemberStatus,
} from '../../entities/member.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { writeAudit, type Actor } from '../audit/audit.service.js';
import type { DataScope } from './data-scope.js';
import { getOrganization, toOrganization, type OrganizationRecord } from './organizations.js';
import {
  listInScope,
  type Connection,
  type ConnectionNeeds,
  type CountCache,
  type Ordering,
  type PageRequest,
} from './pagination.js';
import { findInScope, normalizeId, selectInScope } from './scoped-query.js';
import { escapeLike, jsonValue, sqlList, sqlRaw, sql, type Queryable, type Sql } from './sql.js';

/**
 * A member as every list, field and export shows them: the id card number and phone only in
 * their masked form. The full values are read by `revealMemberPii` alone.
 */
export interface MemberRecord {
  id: string;
  upstreamId: string | null;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  education: Education;
  status: MemberStatus;
  joinedOn: string;
  fullMemberOn: string | null;
  organizationId: string;
  /** 410102********1234 */
  idCardMasked: string;
  /** 138****5678 */
  phoneMasked: string | null;
  duesPaidThrough: string | null;
  flags: MemberFlag[];
  updatedAt: Date;
}

const MEMBER_COLUMNS = sqlRaw(
  [
    'm.id AS id',
    'm.upstream_id AS upstreamId',
    'm.name AS name',
    'm.gender AS gender',
    'm.ethnicity AS ethnicity',
    'm.birth_date AS birthDate',
    'm.education AS education',
    'm.status AS status',
    'm.joined_on AS joinedOn',
    'm.full_member_on AS fullMemberOn',
    'm.organization_id AS organizationId',
    'm.id_card_masked AS idCardMasked',
    'm.phone_masked AS phoneMasked',
    'm.dues_paid_through AS duesPaidThrough',
    'm.flags AS flags',
    'm.updated_at AS updatedAt',
  ].join(', '),
);

function toMember(row: Record<string, unknown>): MemberRecord {
  return {
    id: String(row.id),
    upstreamId: (row.upstreamId as string | null) ?? null,
    name: String(row.name),
    gender: row.gender as Gender,
    ethnicity: String(row.ethnicity),
    birthDate: String(row.birthDate),
    education: row.education as Education,
    status: row.status as MemberStatus,
    joinedOn: String(row.joinedOn),
    fullMemberOn: (row.fullMemberOn as string | null) ?? null,
    organizationId: String(row.organizationId),
    idCardMasked: String(row.idCardMasked),
    phoneMasked: (row.phoneMasked as string | null) ?? null,
    duesPaidThrough: (row.duesPaidThrough as string | null) ?? null,
    flags: jsonValue<MemberFlag[]>(row.flags, []),
    updatedAt: row.updatedAt as Date,
  };
}

export interface MemberFilter {
  /** A name prefix, or a whole id card number (matched through its keyed hash, never in plain). */
  search?: string | null;
  organizationId?: string | null;
  /** With organizationId: the whole subtree, not only the organisation itself. */
  includeDescendants?: boolean | null;
  status?: MemberStatus[] | null;
  gender?: Gender | null;
  education?: Education[] | null;
  flags?: MemberFlag[] | null;
}

export const MEMBER_SORTS = ['ID', 'NAME', 'JOINED_ON', 'BIRTH_DATE'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const MEMBER_ORDERINGS: Record<MemberSort, Ordering<MemberRecord>> = {
  ID: { name: 'ID', keys: [{ column: 'm.id', property: 'id', direction: 'ASC' }] },
  NAME: {
    name: 'NAME',
    keys: [
      { column: 'm.name', property: 'name', direction: 'ASC' },
      { column: 'm.id', property: 'id', direction: 'ASC' },
    ],
  },
  JOINED_ON: {
    name: 'JOINED_ON',
    keys: [
      { column: 'm.joined_on', property: 'joinedOn', direction: 'DESC' },
      { column: 'm.id', property: 'id', direction: 'DESC' },
    ],
  },
  BIRTH_DATE: {
    name: 'BIRTH_DATE',
    keys: [
      { column: 'm.birth_date', property: 'birthDate', direction: 'ASC' },
      { column: 'm.id', property: 'id', direction: 'ASC' },
    ],
  },
};

/** What member search needs from the PII cipher: the keyed hash of an id card number. */
export interface IdCardHasher {
  lookupHash(value: string): string;
}

const ID_CARD_LIKE = /^\d{17}[\dXx]$/;

async function memberConditions(
  db: Queryable,
  scope: DataScope,
  hasher: IdCardHasher,
  filter: MemberFilter,
): Promise<Sql[]> {
  const problems = new Problems();
  for (const status of filter.status ?? []) {
    if (!MEMBER_STATUSES.includes(status)) problems.add('filter.status', 'ENUM', `党员状态「${status}」无效`);
  }
  for (const education of filter.education ?? []) {
    if (!EDUCATIONS.includes(education)) problems.add('filter.education', 'ENUM', `学历「${education}」无效`);
  }
  for (const flag of filter.flags ?? []) {
    if (!MEMBER_FLAGS.includes(flag)) problems.add('filter.flags', 'ENUM', `标记「${flag}」无效`);
  }
  if (filter.gender && !GENDERS.includes(filter.gender)) problems.add('filter.gender', 'ENUM', `性别「${filter.gender}」无效`);
  const search = filter.search?.trim() ?? '';
  if (search.length > 50) problems.add('filter.search', 'TOO_LONG', '搜索词不能超过 50 个字符');
  problems.throwIfAny();

  const where: Sql[] = [];
  if (search) {
    where.push(
      ID_CARD_LIKE.test(search)
        ? sql`m.id_card_hash = ${hasher.lookupHash(search)}`
        : sql`m.name LIKE ${`${escapeLike(search)}%`}`,
    );
  }
  if (filter.organizationId) {
    const organization = await getOrganization(db, scope, filter.organizationId);
    where.push(
      filter.includeDescendants
        ? sql`m.organization_id IN (SELECT d.id FROM organization d WHERE d.path LIKE ${`${organization.path}%`})`
        : sql`m.organization_id = ${organization.id}`,
    );
  }
  if (filter.status?.length) where.push(sql`m.status IN (${sqlList(filter.status)})`);
  if (filter.gender) where.push(sql`m.gender = ${filter.gender}`);
  if (filter.education?.length) where.push(sql`m.education IN (${sqlList(filter.education)})`);
  for (const flag of filter.flags ?? []) where.push(sql`JSON_CONTAINS(m.flags, JSON_QUOTE(${flag}))`);
  return where;
}

// The organisation of each listed member, read in the page's own statement (its primary key
// joined): the columns under an `o_` prefix, so that they never collide with the member's.
const MEMBER_ORGANIZATION_COLUMNS = sqlRaw(
  [
    'mo.id AS o_id',
    'mo.upstream_id AS o_upstreamId',
    'mo.name AS o_name',
    'mo.type AS o_type',
    'mo.category AS o_category',
    'mo.parent_id AS o_parentId',
    'mo.path AS o_path',
    'mo.depth AS o_depth',
    'mo.established_on AS o_establishedOn',
    'mo.sort_order AS o_sortOrder',
  ].join(', '),
);
// A removed organisation still joins: upstream removes an organisation before the members sync
// moves its members, and meanwhile each of them still belongs to it (Member.organization is never null).
const MEMBER_ORGANIZATION_JOIN = sqlRaw('LEFT JOIN organization mo ON mo.id = m.organization_id');

/** One page of members; with `withOrganizations`, their organisations too. */
export interface MemberPage extends Connection<MemberRecord> {
  /**
   * By organisation id, the organisation of every member on the page (removed ones included):
   * what `organizationsByIds(…, { withDeleted })` would answer, without a statement of its own. A
   * member's relation lies in the caller's scope exactly when their organisation does.
   */
  organizations: Map<string, OrganizationRecord | null>;
}

export async function listMembers(
  db: Queryable,
  scope: DataScope,
  hasher: IdCardHasher,
  filter: MemberFilter,
  page: PageRequest,
  options: { sort?: MemberSort; needs?: ConnectionNeeds; counts?: CountCache; withOrganizations?: boolean } = {},
): Promise<MemberPage> {
  const where = await memberConditions(db, scope, hasher, filter);
  const organizations = new Map<string, OrganizationRecord | null>();
  const withOrganizations = options.withOrganizations === true;
  const connection = await listInScope(db, {
    table: 'member',
    alias: 'm',
    scope,
    columns: withOrganizations ? sql`${MEMBER_COLUMNS}, ${MEMBER_ORGANIZATION_COLUMNS}` : MEMBER_COLUMNS,
    nodeJoins: withOrganizations ? MEMBER_ORGANIZATION_JOIN : undefined,
    where,
    ordering: MEMBER_ORDERINGS[options.sort ?? 'ID'],
    page,
    needs: options.needs,
    counts: options.counts,
    map: (row) => {
      const member = toMember(row);
      if (withOrganizations) organizations.set(member.organizationId, organizationOf(row));
      return member;
    },
  });
  return { ...connection, organizations };
}

function organizationOf(row: Record<string, unknown>): OrganizationRecord | null {
  if (row.o_id === null || row.o_id === undefined) return null;
  return toOrganization({
    id: row.o_id,
    upstreamId: row.o_upstreamId,
    name: row.o_name,
    type: row.o_type,
    category: row.o_category,
    parentId: row.o_parentId,
    path: row.o_path,
    depth: row.o_depth,
    establishedOn: row.o_establishedOn,
    sortOrder: row.o_sortOrder,
  });
}

/**
 * Every member matching the filter, a batch at a time in id order (keyset, never OFFSET), for
 * streaming exports that must not hold the whole list in memory.
 */
export async function* iterateMembers(
  db: Queryable,
  scope: DataScope,
  hasher: IdCardHasher,
  filter: MemberFilter,
  batchSize = 500,
): AsyncGenerator<MemberRecord[]> {
  const where = await memberConditions(db, scope, hasher, filter);
  let after: string | null = null;
  for (;;) {
    const page: Connection<MemberRecord> = await listInScope(db, {
      table: 'member',
      alias: 'm',
      scope,
      columns: MEMBER_COLUMNS,
      where,
      ordering: MEMBER_ORDERINGS.ID,
      page: { first: Math.min(batchSize, 100), after },
      needs: { nodes: true, totalCount: false },
      map: toMember,
    });
    if (page.nodes.length) yield page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

export async function getMember(db: Queryable, scope: DataScope, id: string): Promise<MemberRecord> {
  return toMember(
    await findInScope<Record<string, unknown>>(db, {
      table: 'member',
      alias: 'm',
      scope,
      columns: MEMBER_COLUMNS,
      id,
      what: '党员',
    }),
  );
}

/** Batch look-up for DataLoaders: the members among `ids` that are in scope. */
export async function membersByIds(
  db: Queryable,
  scope: DataScope,
  ids: readonly string[],
): Promise<Map<string, MemberRecord>> {
  const valid = [...new Set(ids.map(normalizeId).filter((id): id is string => id !== null))];
  if (valid.length === 0) return new Map();
  const rows = await selectInScope<Record<string, unknown>>(db, {
    table: 'member',
    alias: 'm',
    scope,
    columns: MEMBER_COLUMNS,
    where: [sql`m.id IN (${sqlList(valid)})`],
  });
  return new Map(rows.map((row) => [String(row.id), toMember(row)]));
}

export interface MemberPii {
  idCardNumber: string;
  phone: string | null;
}

export interface PiiDecrypter {
  decrypt(sealed: string): string;
}

/**
 * The full id card number and phone of one member in scope. The caller has checked the
 * permission; the reason is required and kept with who asked, when, and for which member in the
 * audit log, written in the same transaction as the read.
 */
export async function revealMemberPii(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  cipher: PiiDecrypter,
  id: string,
  reason: string,
): Promise<MemberPii> {
  const why = reason.trim();
  if (!why) {
    throw DomainError.badInput([{ field: 'reason', reason: 'REASON_REQUIRED', message: '请填写查看完整个人信息的原因' }]);
  }
  if (why.length > 200) {
    throw DomainError.badInput([{ field: 'reason', reason: 'REASON_TOO_LONG', message: '原因不能超过 200 个字符' }]);
  }
  return dataSource.transaction(async (manager) => {
    const row = await findInScope<{ id: string; idCardCipher: string; phoneCipher: string | null }>(manager, {
      table: 'member',
      alias: 'm',
      scope,
      columns: sqlRaw('m.id AS id, m.id_card_cipher AS idCardCipher, m.phone_cipher AS phoneCipher'),
      id,
      what: '党员',
    });
    const pii: MemberPii = {
      idCardNumber: cipher.decrypt(row.idCardCipher),
      phone: row.phoneCipher ? cipher.decrypt(row.phoneCipher) : null,
    };
    await writeAudit(manager, actor, {
      action: 'REVEAL_PII',
      entityType: 'Member',
      entityId: String(row.id),
      reason: why,
    });
    return pii;
  });
}
