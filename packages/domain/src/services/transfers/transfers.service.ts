import type { DataSource } from 'typeorm';
import {
  TRANSFER_ACTIONS,
  TRANSFER_DIRECTIONS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
  type SyncState,
  type TransferAction,
  type TransferDirection,
  type TransferHistoryEvent,
  type TransferKind,
  type TransferStatus,
} from '../../entities/transfer.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { addDays, todayIn, type DayDate } from '../../rules/dates.js';
import { defaultLetterValidDays, letterExpiresOn, validateLetterValidDays } from '../../rules/letters.js';
import { resolveSettings, type Settings } from '../../rules/settings.js';
import {
  TRANSFER_ACTION_LABELS,
  TRANSFER_SIDE_LABELS,
  nextTransferStatus,
  transferActionSide,
} from '../../rules/transfer-state-machine.js';
import type { DataScope } from '../access/data-scope.js';
import { findInScope, normalizeId } from '../access/scoped-query.js';
import { listInScope, type Connection, type ConnectionNeeds, type CountCache, type Ordering, type PageRequest } from '../access/pagination.js';
import { escapeLike, jsonValue, runSql, sql, sqlList, sqlOr, sqlRaw, type Queryable, type Sql } from '../access/sql.js';
import { writeAudit, type Actor } from '../audit/audit.service.js';
import { addOutboxEntry } from '../sync/outbox.js';
import { ourSides, upcomingWindow, workListPairs, TRANSFER_WORK_LISTS, type TransferWorkList } from './work-lists.js';

/** A transfer as lists, fields and exports show it. */
export interface TransferRecord {
  id: string;
  upstreamId: string | null;
  memberId: string | null;
  memberUpstreamId: string | null;
  memberName: string;
  direction: TransferDirection;
  kind: TransferKind;
  status: TransferStatus;
  organizationId: string | null;
  fromOrganizationUpstreamId: string | null;
  fromOrganizationName: string;
  toOrganizationUpstreamId: string | null;
  toOrganizationName: string;
  reason: string | null;
  letterNumber: string | null;
  letterIssuedOn: string | null;
  letterValidDays: number | null;
  letterExpiresOn: string | null;
  receivedOn: string | null;
  receiptOn: string | null;
  duesPaidThrough: string | null;
  history: TransferHistoryEvent[];
  syncState: SyncState;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns of a TransferRecord, from the table aliased `t`. */
export const TRANSFER_COLUMNS = sqlRaw(
  [
    't.id AS id',
    't.upstream_id AS upstreamId',
    't.member_id AS memberId',
    't.member_upstream_id AS memberUpstreamId',
    't.member_name AS memberName',
    't.direction AS direction',
    't.kind AS kind',
    't.status AS status',
    't.organization_id AS organizationId',
    't.from_organization_upstream_id AS fromOrganizationUpstreamId',
    't.from_organization_name AS fromOrganizationName',
    't.to_organization_upstream_id AS toOrganizationUpstreamId',
    't.to_organization_name AS toOrganizationName',
    't.reason AS reason',
    't.letter_number AS letterNumber',
    't.letter_issued_on AS letterIssuedOn',
    't.letter_valid_days AS letterValidDays',
    't.letter_expires_on AS letterExpiresOn',
    't.received_on AS receivedOn',
    't.receipt_on AS receiptOn',
    't.dues_paid_through AS duesPaidThrough',
    't.history AS history',
    't.sync_state AS syncState',
    't.created_at AS createdAt',
    't.updated_at AS updatedAt',
  ].join(', '),
);

const orNull = <T>(value: unknown): T | null => (value === null || value === undefined ? null : (value as T));

export function toTransfer(row: Record<string, unknown>): TransferRecord {
  return {
    id: String(row.id),
    upstreamId: orNull<string>(row.upstreamId),
    memberId: row.memberId === null || row.memberId === undefined ? null : String(row.memberId),
    memberUpstreamId: orNull<string>(row.memberUpstreamId),
    memberName: String(row.memberName),
    direction: row.direction as TransferDirection,
    kind: row.kind as TransferKind,
    status: row.status as TransferStatus,
    organizationId: row.organizationId === null || row.organizationId === undefined ? null : String(row.organizationId),
    fromOrganizationUpstreamId: orNull<string>(row.fromOrganizationUpstreamId),
    fromOrganizationName: String(row.fromOrganizationName),
    toOrganizationUpstreamId: orNull<string>(row.toOrganizationUpstreamId),
    toOrganizationName: String(row.toOrganizationName),
    reason: orNull<string>(row.reason),
    letterNumber: orNull<string>(row.letterNumber),
    letterIssuedOn: orNull<string>(row.letterIssuedOn),
    letterValidDays: row.letterValidDays === null || row.letterValidDays === undefined ? null : Number(row.letterValidDays),
    letterExpiresOn: orNull<string>(row.letterExpiresOn),
    receivedOn: orNull<string>(row.receivedOn),
    receiptOn: orNull<string>(row.receiptOn),
    duesPaidThrough: orNull<string>(row.duesPaidThrough),
    history: jsonValue<TransferHistoryEvent[]>(row.history, []),
    syncState: row.syncState as SyncState,
    createdAt: row.createdAt as Date,
    updatedAt: row.updatedAt as Date,
  };
}

export interface TransferFilter {
  status?: TransferStatus[] | null;
  direction?: TransferDirection | null;
  kind?: TransferKind[] | null;
  /** The local organisation (with everything below it). */
  organizationId?: string | null;
  memberId?: string | null;
  /** The start of the member's name. */
  search?: string | null;
  /** Past due: a receipt not back after `receiptDueDays`, or a letter run out while in transit. */
  overdue?: boolean | null;
  workList?: TransferWorkList | null;
}

export const TRANSFER_SORTS = ['NEWEST', 'RECENTLY_UPDATED'] as const;
export type TransferSort = (typeof TRANSFER_SORTS)[number];

const TRANSFER_ORDERINGS: Record<TransferSort, Ordering<TransferRecord>> = {
  NEWEST: { name: 'NEWEST', keys: [{ column: 't.id', property: 'id', direction: 'DESC' }] },
  RECENTLY_UPDATED: {
    name: 'RECENTLY_UPDATED',
    keys: [
      { column: 't.updated_at', property: 'updatedAt', direction: 'DESC', kind: 'datetime' },
      { column: 't.id', property: 'id', direction: 'DESC' },
    ],
  },
};

export interface TransferQueryOptions {
  /** Today in the subdistrict's time zone (for overdue and 即将办理). */
  today?: DayDate;
  timeZone?: string;
  /** The rules' local values; read from the setting table when needed and not given. */
  settings?: Settings;
}

/** The SQL condition of `overdue` on `today`. */
export function overdueCondition(today: DayDate, settings: Settings): Sql {
  return sqlOr([
    sql`t.status = 'RECEIVED' AND t.receipt_on IS NULL AND t.received_on < ${addDays(today, -settings.receiptDueDays)}`,
    sql`t.status = 'IN_TRANSIT' AND t.letter_expires_on < ${today}`,
  ]);
}

function pairsCondition(pairs: Array<[TransferDirection, TransferStatus]>): Sql {
  return sqlOr(pairs.map(([direction, status]) => sql`t.direction = ${direction} AND t.status = ${status}`));
}

/** The SQL condition of one work list on `today`. */
export function workListCondition(list: TransferWorkList, today: DayDate, settings: Settings): Sql {
  if (list === 'UPCOMING') {
    const window = upcomingWindow(today, settings);
    return sqlOr([
      sql`t.status = 'IN_TRANSIT' AND t.letter_expires_on BETWEEN ${today} AND ${window.lettersUntil}`,
      sql`t.status = 'RECEIVED' AND t.receipt_on IS NULL AND t.received_on <= ${window.receivedOnOrBefore}`,
    ]);
  }
  return pairsCondition(workListPairs(list));
}

async function transferConditions(
  db: Queryable,
  scope: DataScope,
  filter: TransferFilter,
  options: TransferQueryOptions,
): Promise<Sql[]> {
  const problems = new Problems();
  for (const status of filter.status ?? []) {
    if (!TRANSFER_STATUSES.includes(status)) problems.add('filter.status', 'ENUM', `转接状态「${status}」无效`);
  }
  for (const kind of filter.kind ?? []) {
    if (!TRANSFER_KINDS.includes(kind)) problems.add('filter.kind', 'ENUM', `转接类型「${kind}」无效`);
  }
  if (filter.direction && !TRANSFER_DIRECTIONS.includes(filter.direction)) {
    problems.add('filter.direction', 'ENUM', `转接方向「${filter.direction}」无效`);
  }
  if (filter.workList && !TRANSFER_WORK_LISTS.includes(filter.workList)) {
    problems.add('filter.workList', 'ENUM', `工作清单「${filter.workList}」无效`);
  }
  if (filter.search && filter.search.trim().length > 50) problems.add('filter.search', 'TOO_LONG', '搜索词不能超过 50 个字符');
  problems.throwIfAny();

  const where: Sql[] = [];
  if (filter.status?.length) where.push(sql`t.status IN (${sqlList(filter.status)})`);
  if (filter.direction) where.push(sql`t.direction = ${filter.direction}`);
  if (filter.kind?.length) where.push(sql`t.kind IN (${sqlList(filter.kind)})`);
  if (filter.search?.trim()) where.push(sql`t.member_name LIKE ${`${escapeLike(filter.search.trim())}%`}`);
  if (filter.memberId) where.push(sql`t.member_id = ${normalizeId(filter.memberId) ?? '0'}`);
  if (filter.organizationId) {
    const organization = await findInScope<{ path: string }>(db, {
      table: 'organization',
      alias: 'o',
      scope,
      columns: sqlRaw('o.path AS path'),
      id: filter.organizationId,
      what: '党组织',
    });
    where.push(sql`t.organization_id IN (SELECT d.id FROM organization d WHERE d.path LIKE ${`${organization.path}%`})`);
  }
  if (filter.overdue !== null && filter.overdue !== undefined) {
    const today = options.today ?? todayIn(options.timeZone);
    const settings = options.settings ?? (await readRuleSettings(db));
    const condition = overdueCondition(today, settings);
    where.push(filter.overdue ? condition : sql`NOT (${condition})`);
  }
  if (filter.workList) {
    const today = options.today ?? todayIn(options.timeZone);
    const settings = options.settings ?? (await readRuleSettings(db));
    where.push(workListCondition(filter.workList, today, settings));
  }
  return where;
}

/** The rules' local values: the setting table over the documented defaults. */
export async function readRuleSettings(db: Queryable): Promise<Settings> {
  const rows = await runSql<{ key: string; value: unknown }>(db, sql`SELECT \`key\` AS \`key\`, value FROM setting`);
  return resolveSettings(Object.fromEntries(rows.map((row) => [row.key, jsonValue<unknown>(row.value, null)])));
}

export async function listTransfers(
  db: Queryable,
  scope: DataScope,
  filter: TransferFilter,
  page: PageRequest,
  options: TransferQueryOptions & { sort?: TransferSort; needs?: ConnectionNeeds; counts?: CountCache } = {},
): Promise<Connection<TransferRecord>> {
  const where = await transferConditions(db, scope, filter, options);
  return listInScope(db, {
    table: 'transfer',
    alias: 't',
    scope,
    columns: TRANSFER_COLUMNS,
    where,
    ordering: TRANSFER_ORDERINGS[options.sort ?? 'NEWEST'],
    page,
    needs: options.needs,
    counts: options.counts,
    map: toTransfer,
  });
}

/** Every transfer matching the filter, a batch at a time (keyset), for streaming exports. */
export async function* iterateTransfers(
  db: Queryable,
  scope: DataScope,
  filter: TransferFilter,
  options: TransferQueryOptions = {},
): AsyncGenerator<TransferRecord[]> {
  const where = await transferConditions(db, scope, filter, options);
  let after: string | null = null;
  for (;;) {
    const page: Connection<TransferRecord> = await listInScope(db, {
      table: 'transfer',
      alias: 't',
      scope,
      columns: TRANSFER_COLUMNS,
      where,
      ordering: TRANSFER_ORDERINGS.NEWEST,
      page: { first: 100, after },
      needs: { nodes: true, totalCount: false },
      map: toTransfer,
    });
    if (page.nodes.length) yield page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

export async function getTransfer(db: Queryable, scope: DataScope, id: string): Promise<TransferRecord> {
  return toTransfer(
    await findInScope<Record<string, unknown>>(db, {
      table: 'transfer',
      alias: 't',
      scope,
      columns: TRANSFER_COLUMNS,
      id,
      what: '组织关系转接',
    }),
  );
}

export interface CreateTransferOutInput {
  memberId: string;
  kind: TransferKind;
  toOrganizationName: string;
  toOrganizationUpstreamId?: string | null;
  reason: string;
}

const OPEN_STATUSES_SQL = sqlRaw("('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'RETURNED', 'EXPIRED')");

/**
 * 转出: a member in scope applies to move their relation out. The transfer starts PENDING_APPROVAL;
 * in the same transaction an outbox row holds the upstream request (with its idempotency key) for
 * the worker to push, and the audit row is written. A member with an unfinished transfer cannot
 * start another.
 */
export async function createTransferOut(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateTransferOutInput,
): Promise<TransferRecord> {
  const problems = new Problems();
  if (!TRANSFER_KINDS.includes(input.kind)) problems.add('kind', 'ENUM', `转接类型「${input.kind}」无效`);
  const toName = input.toOrganizationName?.trim() ?? '';
  if (!toName) problems.add('toOrganizationName', 'REQUIRED', '请填写转入党组织名称');
  else if (toName.length > 100) problems.add('toOrganizationName', 'TOO_LONG', '转入党组织名称不能超过 100 个字符');
  const toUpstreamId = input.toOrganizationUpstreamId?.trim() || null;
  if (toUpstreamId && !/^\d{12,15}$/.test(toUpstreamId)) {
    problems.add('toOrganizationUpstreamId', 'FORMAT', '转入党组织代码应为 12–15 位数字');
  }
  const reason = input.reason?.trim() ?? '';
  if (!reason) problems.add('reason', 'REQUIRED', '请填写转接原因');
  else if (reason.length > 500) problems.add('reason', 'TOO_LONG', '转接原因不能超过 500 个字符');
  problems.throwIfAny();

  return dataSource.transaction(async (manager) => {
    const member = await findInScope<{
      id: string;
      upstreamId: string | null;
      name: string;
      organizationId: string;
      duesPaidThrough: string | null;
    }>(manager, {
      table: 'member',
      alias: 'm',
      scope,
      columns: sqlRaw(
        'm.id AS id, m.upstream_id AS upstreamId, m.name AS name, m.organization_id AS organizationId, m.dues_paid_through AS duesPaidThrough',
      ),
      id: input.memberId,
      what: '党员',
      forUpdate: true,
    });
    const [organization] = await runSql<{ name: string; upstreamId: string | null }>(
      manager,
      sql`SELECT name, upstream_id AS upstreamId FROM organization WHERE id = ${member.organizationId}`,
    );
    if (!organization) throw DomainError.notFound('党组织', member.organizationId);
    if (toUpstreamId && toUpstreamId === organization.upstreamId) {
      throw DomainError.badInput([
        { field: 'toOrganizationUpstreamId', reason: 'SAME_ORGANIZATION', message: '转入党组织不能是党员当前所在的党组织' },
      ]);
    }
    const [open] = await runSql<{ id: string }>(
      manager,
      sql`SELECT id FROM transfer WHERE member_id = ${member.id} AND deleted_at IS NULL AND status IN ${OPEN_STATUSES_SQL} LIMIT 1`,
    );
    if (open) {
      throw DomainError.conflict(`党员「${member.name}」已有一笔未办结的组织关系转接（编号 ${open.id}）`, 'TRANSFER_ALREADY_OPEN', {
        transferId: String(open.id),
      });
    }
    // Only a member known upstream can be transferred there; a member recorded only here is
    // transferred locally and never pushed.
    const syncState: SyncState = member.upstreamId ? 'PENDING_PUSH' : 'LOCAL_ONLY';
    const history: TransferHistoryEvent[] = [
      { status: 'PENDING_APPROVAL', at: new Date().toISOString(), by: actor.username, note: reason },
    ];
    const result = (await manager.query(
      `INSERT INTO transfer (member_id, member_upstream_id, member_name, direction, kind, status, organization_id,
         from_organization_upstream_id, from_organization_name, to_organization_upstream_id, to_organization_name,
         reason, dues_paid_through, history, sync_state)
       VALUES (?, ?, ?, 'OUTGOING', ?, 'PENDING_APPROVAL', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        member.id,
        member.upstreamId,
        member.name,
        input.kind,
        member.organizationId,
        organization.upstreamId,
        organization.name,
        toUpstreamId,
        toName,
        reason,
        member.duesPaidThrough,
        JSON.stringify(history),
        syncState,
      ],
    )) as { insertId: number | string };
    const id = String(result.insertId);
    if (member.upstreamId) {
      await addOutboxEntry(manager, {
        transferId: id,
        kind: 'CREATE_TRANSFER',
        requestId: actor.requestId,
        payload: {
          memberId: member.upstreamId,
          kind: input.kind,
          toOrganizationId: toUpstreamId,
          toOrganizationName: toName,
          reason,
        },
      });
    }
    const created = await getTransfer(manager, scope, id);
    await writeAudit(manager, actor, {
      action: 'CREATE',
      entityType: 'Transfer',
      entityId: id,
      after: auditView(created),
    });
    return created;
  });
}

export interface TransferActionInput {
  action: TransferAction;
  note?: string | null;
  /** ISSUE_LETTER and REISSUE: the letter's validity in days (default by destination, from the settings). */
  letterValidDays?: number | null;
  /** ISSUE_LETTER and REISSUE: the letter number (generated when absent). */
  letterNumber?: string | null;
}

/** Two upstream organisation codes in the same city share their first four digits (province + city). */
function sameCity(a: string | null, b: string | null): boolean {
  return !!a && !!b && a.slice(0, 4) === b.slice(0, 4);
}

function generatedLetterNumber(today: DayDate, transferId: string): string {
  return `ZJ${today.replace(/-/g, '')}-${transferId.padStart(6, '0')}`;
}

/**
 * One step of a transfer (approve, issue the letter, receive, return …) by this subdistrict's
 * side. The next status comes from the rules' state machine; the action must be ours to take (the
 * sender's side on an outgoing transfer, the receiver's on an incoming one). The change, its
 * history event, the outbox row for the worker to push and the audit row commit together.
 */
export async function actOnTransfer(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: TransferActionInput,
  options: { today?: DayDate; timeZone?: string } = {},
): Promise<TransferRecord> {
  const problems = new Problems();
  if (!TRANSFER_ACTIONS.includes(input.action)) problems.add('action', 'ENUM', `转接操作「${input.action}」无效`);
  const note = input.note?.trim() || null;
  if (note && note.length > 500) problems.add('note', 'TOO_LONG', '说明不能超过 500 个字符');
  const issuing = input.action === 'ISSUE_LETTER' || input.action === 'REISSUE';
  if (!issuing && input.letterValidDays !== null && input.letterValidDays !== undefined) {
    problems.add('letterValidDays', 'NOT_APPLICABLE', '只有开具介绍信时才能指定有效期');
  }
  const letterNumberInput = input.letterNumber?.trim() || null;
  if (letterNumberInput && (!issuing || letterNumberInput.length > 40)) {
    problems.add('letterNumber', issuing ? 'TOO_LONG' : 'NOT_APPLICABLE', issuing ? '介绍信编号不能超过 40 个字符' : '只有开具介绍信时才能填写介绍信编号');
  }
  problems.throwIfAny();

  const today = options.today ?? todayIn(options.timeZone);
  return dataSource.transaction(async (manager) => {
    const before = toTransfer(
      await findInScope<Record<string, unknown>>(manager, {
        table: 'transfer',
        alias: 't',
        scope,
        columns: TRANSFER_COLUMNS,
        id,
        what: '组织关系转接',
        forUpdate: true,
      }),
    );
    const next = nextTransferStatus(before.status, input.action, note);
    const side = transferActionSide(input.action, before.status);
    if (!ourSides(before.direction).includes(side)) {
      throw DomainError.conflict(
        `「${TRANSFER_ACTION_LABELS[input.action]}」应由${TRANSFER_SIDE_LABELS[side]}办理，本转接为${before.direction === 'OUTGOING' ? '转出' : '转入'}`,
        'TRANSFER_WRONG_SIDE',
        { action: input.action, side, direction: before.direction },
      );
    }
    if (before.syncState === 'CONFLICT') {
      throw DomainError.conflict('该转接与上级组织系统的记录存在冲突，请先处理冲突再办理', 'TRANSFER_SYNC_CONFLICT');
    }

    const after: TransferRecord = { ...before, status: next };
    let letterValidDays: number | null = null;
    if (issuing) {
      const settings = await readRuleSettings(manager);
      const inCity = before.kind !== 'CROSS_PROVINCE' && sameCity(before.fromOrganizationUpstreamId, before.toOrganizationUpstreamId);
      letterValidDays = validateLetterValidDays(input.letterValidDays ?? defaultLetterValidDays(inCity, settings), settings);
      after.letterValidDays = letterValidDays;
      after.letterIssuedOn = today;
      after.letterExpiresOn = letterExpiresOn(today, letterValidDays);
      after.letterNumber = letterNumberInput ?? generatedLetterNumber(today, before.id);
    }
    if (input.action === 'RECEIVE') after.receivedOn = today;
    if (input.action === 'CONFIRM_RECEIPT') after.receiptOn = today;
    after.history = [...before.history, { status: next, at: new Date().toISOString(), by: actor.username, note }];

    await manager.query(
      `UPDATE transfer SET status = ?, letter_number = ?, letter_issued_on = ?, letter_valid_days = ?, letter_expires_on = ?,
         received_on = ?, receipt_on = ?, history = ? WHERE id = ?`,
      [
        after.status,
        after.letterNumber,
        after.letterIssuedOn,
        after.letterValidDays,
        after.letterExpiresOn,
        after.receivedOn,
        after.receiptOn,
        JSON.stringify(after.history),
        before.id,
      ],
    );
    if (before.syncState !== 'LOCAL_ONLY') {
      await addOutboxEntry(manager, {
        transferId: before.id,
        kind: 'TRANSFER_ACTION',
        requestId: actor.requestId,
        payload: {
          action: input.action,
          note,
          letterValidDays: issuing ? letterValidDays : null,
          letterNumber: issuing ? after.letterNumber : null,
        },
      });
    }
    const updated = await getTransfer(manager, scope, before.id);
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: 'Transfer',
      entityId: before.id,
      reason: `${TRANSFER_ACTION_LABELS[input.action]}${note ? `：${note}` : ''}`,
      before: auditView(before),
      after: auditView(updated),
    });
    return updated;
  });
}

/** What the audit log keeps of a transfer: its state, never personal data beyond the name. */
function auditView(transfer: TransferRecord): Record<string, unknown> {
  return {
    status: transfer.status,
    direction: transfer.direction,
    kind: transfer.kind,
    memberId: transfer.memberId,
    memberName: transfer.memberName,
    organizationId: transfer.organizationId,
    toOrganizationName: transfer.toOrganizationName,
    letterNumber: transfer.letterNumber,
    letterIssuedOn: transfer.letterIssuedOn,
    letterExpiresOn: transfer.letterExpiresOn,
    receivedOn: transfer.receivedOn,
    receiptOn: transfer.receiptOn,
    syncState: transfer.syncState,
  };
}
