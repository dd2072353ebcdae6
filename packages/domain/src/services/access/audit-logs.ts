import { Problems } from '../../errors/domain-error.js';
import { listPage, type Connection, type ConnectionNeeds, type CountCache, type PageRequest } from './pagination.js';
import { jsonValue, sqlList, sqlRaw, sql, type Queryable, type Sql } from './sql.js';

/** One audit row as district administrators search it. */
export interface AuditLogRecord {
  id: string;
  at: Date;
  actor: string;
  actorUserId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditLogFilter {
  action?: string[] | null;
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const COLUMNS = sqlRaw(
  [
    'a.id AS id',
    'a.at AS at',
    'a.actor AS actor',
    'a.actor_user_id AS actorUserId',
    'a.action AS action',
    'a.entity_type AS entityType',
    'a.entity_id AS entityId',
    'a.reason AS reason',
    'a.before AS `before`',
    'a.after AS `after`',
    'a.ip AS ip',
    'a.request_id AS requestId',
  ].join(', '),
);

function toAuditLog(row: Record<string, unknown>): AuditLogRecord {
  return {
    id: String(row.id),
    at: row.at as Date,
    actor: String(row.actor),
    actorUserId: row.actorUserId === null || row.actorUserId === undefined ? null : String(row.actorUserId),
    action: String(row.action),
    entityType: (row.entityType as string | null) ?? null,
    entityId: (row.entityId as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    before: jsonValue<Record<string, unknown> | null>(row.before, null),
    after: jsonValue<Record<string, unknown> | null>(row.after, null),
    ip: (row.ip as string | null) ?? null,
    requestId: (row.requestId as string | null) ?? null,
  };
}

/**
 * The audit log, newest first. There is deliberately no function here or anywhere in the
 * application that updates or deletes audit rows.
 */
export async function listAuditLogs(
  db: Queryable,
  filter: AuditLogFilter,
  page: PageRequest,
  needs?: ConnectionNeeds,
  counts?: CountCache,
): Promise<Connection<AuditLogRecord>> {
  const problems = new Problems();
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.add('filter.to', 'DATE_ORDER', '结束时间不能早于开始时间');
  }
  problems.throwIfAny();
  const where: Sql[] = [];
  if (filter.action?.length) where.push(sql`a.action IN (${sqlList(filter.action)})`);
  if (filter.entityType) where.push(sql`a.entity_type = ${filter.entityType}`);
  if (filter.entityId) where.push(sql`a.entity_id = ${filter.entityId}`);
  if (filter.actor) where.push(sql`a.actor = ${filter.actor}`);
  if (filter.from) where.push(sql`a.at >= ${filter.from}`);
  if (filter.to) where.push(sql`a.at <= ${filter.to}`);
  return listPage(db, {
    from: sqlRaw('audit_log a'),
    columns: COLUMNS,
    where,
    ordering: {
      name: 'NEWEST',
      keys: [
        { column: 'a.at', property: 'at', direction: 'DESC', kind: 'datetime' },
        { column: 'a.id', property: 'id', direction: 'DESC' },
      ],
    },
    page,
    needs,
    counts,
    map: toAuditLog,
  });
}
