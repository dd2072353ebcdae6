import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PiiCipher } from '../../crypto/pii-cipher.js';
import { DomainError } from '../../errors/domain-error.js';
import { todayIn, type Settings } from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import { writeAudit, type Actor } from '../audit/index.js';
import {
  auditView,
  isId,
  loadSettings,
  merged,
  paginate,
  restrictToSubtree,
  scopeWhere,
  sortOf,
  type Connection,
  type ListArgs,
  type Sort,
} from './common.js';
import { Organization } from '../../entities/organization.entity.js';
import { anyOf, type ScopeClause } from './building-scope.js';

/** What a write needs besides its input: the transaction, who, what they may touch, the rules in force. */
export interface WriteContext {
  manager: EntityManager;
  scope: DataScope;
  actor: Actor;
  settings: Settings;
  /** Today in Asia/Shanghai (or the caller's fixed day, for tests and the seed). */
  today: string;
  cipher: PiiCipher | null;
}

export interface WriteOptions {
  /** Encrypts phone numbers at rest; needed when the input carries one. */
  cipher?: PiiCipher | null;
  /** The calendar day to judge "overdue" and "future" against; default today in Asia/Shanghai. */
  today?: string;
}

/** Filters every list offers: the subtree of one organisation (in scope). */
export interface SubtreeFilter {
  organizationId?: string | null;
  /** Default true: the organisation and everything below it. */
  includeDescendants?: boolean | null;
}

/**
 * How one entity is read and written: its scope (the organisation its rows hang off, joined through
 * a parent row when it has none of its own), its validation, its list filters and sort columns.
 */
export interface Resource<
  E extends ObjectLiteral & { id: string },
  C extends object,
  F extends object,
  S extends string,
> {
  entity: new () => E;
  /** Audit entity type, e.g. "Unit". */
  entityType: string;
  /** 中文名, for "…不存在或无权访问". */
  label: string;
  alias: string;
  /** A parent row to join before the organisation (a seat's election, a project's alliance). */
  parentJoin?: { entity: new () => ObjectLiteral; alias: string; condition: string };
  /** The expression of the organisation id the scope is judged by, e.g. "unit.communityOrganizationId". */
  orgIdExpression: string;
  /**
   * Another way into a limited scope besides `orgIdExpression` (a station's staff reach a building
   * through its branch): adds the joins it needs and returns its condition, OR-ed with the first.
   */
  alsoInScope?(qb: SelectQueryBuilder<E>, scope: DataScope): ScopeClause;
  /** Soft-delete keeps history; the others are removed. */
  softDelete: boolean;
  /** Validates a create input, or an existing row with its patch applied, and returns the column values. */
  prepare(ctx: WriteContext, input: C, existing: E | null): Promise<Partial<E>>;
  applyFilter?(
    qb: SelectQueryBuilder<E>,
    filter: F,
    manager: EntityManager,
    scope: DataScope,
  ): Promise<void> | void;
  sortColumns: Record<S, string>;
  defaultSort: Sort<S>;
  /** Relations loaded with a single row. */
  relations?: string[];
  /** Personal data for the audit row: masked or left out. */
  auditOmit?: string[];
  auditMask?(view: Record<string, unknown>): Record<string, unknown>;
  /** Called before a delete, e.g. to refuse deleting a row others point at. */
  beforeDelete?(ctx: WriteContext, existing: E): Promise<void>;
}

export function scopedResourceQuery<E extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  resource: Resource<E, object, object, string>,
  scope: DataScope,
): SelectQueryBuilder<E> {
  const qb = manager.getRepository(resource.entity).createQueryBuilder(resource.alias);
  if (resource.parentJoin)
    qb.innerJoin(resource.parentJoin.entity, resource.parentJoin.alias, resource.parentJoin.condition);
  qb.innerJoin(Organization, 'org', `org.id = ${resource.orgIdExpression}`);
  const own = scopeWhere('org.path', scope);
  // The full scope needs no other way in, and so no further joins.
  const where = resource.alsoInScope && !scope.all ? anyOf(own, resource.alsoInScope(qb, scope)) : own;
  return qb.where(where.sql, where.params);
}

/** One row the scope may see, or NOT_FOUND. With `lock`, the row is locked for the transaction. */
export async function findInScope<E extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  resource: Resource<E, object, object, string>,
  scope: DataScope,
  id: string,
  options: { lock?: boolean; relations?: string[] } = {},
): Promise<E> {
  if (!isId(id)) throw DomainError.notFound(resource.label, String(id));
  const qb = scopedResourceQuery(manager, resource, scope).andWhere(`${resource.alias}.id = :id`, { id });
  for (const relation of options.relations ?? []) {
    qb.leftJoinAndSelect(`${resource.alias}.${relation}`, relation.replace(/\W/g, '_'));
  }
  const row = await qb.getOne();
  if (!row) throw DomainError.notFound(resource.label, id);
  if (!options.lock) return row;
  // Lock the row alone (MySQL cannot name the table to lock in a join), then read it again under the lock.
  const locked = await manager
    .getRepository(resource.entity)
    .createQueryBuilder(resource.alias)
    .setLock('pessimistic_write')
    .where(`${resource.alias}.id = :id`, { id })
    .getOne();
  if (!locked) throw DomainError.notFound(resource.label, id);
  return locked;
}

export async function writeContext(
  manager: EntityManager,
  scope: DataScope,
  actor: Actor,
  options: WriteOptions = {},
): Promise<WriteContext> {
  return {
    manager,
    scope,
    actor,
    settings: await loadSettings(manager),
    today: options.today ?? todayIn('Asia/Shanghai'),
    cipher: options.cipher ?? null,
  };
}

function auditOf<E extends ObjectLiteral & { id: string }>(
  resource: Resource<E, object, object, string>,
  row: E,
): Record<string, unknown> {
  const view = auditView(row, resource.auditOmit ?? []);
  return resource.auditMask ? resource.auditMask(view) : view;
}

async function reload<E extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  resource: Resource<E, object, object, string>,
  id: string,
): Promise<E> {
  const qb = manager
    .getRepository(resource.entity)
    .createQueryBuilder(resource.alias)
    .where(`${resource.alias}.id = :id`, { id });
  for (const relation of resource.relations ?? []) {
    qb.leftJoinAndSelect(`${resource.alias}.${relation}`, relation.replace(/\W/g, '_'));
  }
  return qb.getOneOrFail();
}

/** Inserts a validated row and its audit row in one transaction. */
export async function createRecord<E extends ObjectLiteral & { id: string }, C extends object>(
  dataSource: DataSource,
  resource: Resource<E, C, object, string>,
  scope: DataScope,
  actor: Actor,
  input: C,
  options: WriteOptions = {},
): Promise<E> {
  return dataSource.transaction(async (manager) => {
    const ctx = await writeContext(manager, scope, actor, options);
    const values = await resource.prepare(ctx, input, null);
    const repository = manager.getRepository(resource.entity);
    const saved = await repository.save(repository.create(values as E));
    const row = await reload(manager, resource as Resource<E, object, object, string>, saved.id);
    await writeAudit(manager, actor, {
      action: 'CREATE',
      entityType: resource.entityType,
      entityId: row.id,
      after: auditOf(resource as Resource<E, object, object, string>, row),
    });
    return row;
  });
}

/** Applies a patch (undefined fields unchanged) after validating the whole row again. */
export async function updateRecord<E extends ObjectLiteral & { id: string }, C extends object>(
  dataSource: DataSource,
  resource: Resource<E, C, object, string>,
  scope: DataScope,
  actor: Actor,
  id: string,
  patch: Partial<C>,
  options: WriteOptions = {},
): Promise<E> {
  return dataSource.transaction(async (manager) => {
    const generic = resource as Resource<E, object, object, string>;
    const existing = await findInScope(manager, generic, scope, id, { lock: true });
    const ctx = await writeContext(manager, scope, actor, options);
    const values = await resource.prepare(ctx, merged<C>(existing as unknown as C, patch), existing);
    const repository = manager.getRepository(resource.entity);
    await repository.save(repository.merge(repository.create(existing), values as E));
    const row = await reload(manager, generic, existing.id);
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: resource.entityType,
      entityId: row.id,
      before: auditOf(generic, existing),
      after: auditOf(generic, row),
    });
    return row;
  });
}

/** Soft-deletes (or removes) one row in scope, with its audit row. */
export async function deleteRecord<E extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  resource: Resource<E, never, object, string>,
  scope: DataScope,
  actor: Actor,
  id: string,
  options: WriteOptions = {},
): Promise<E> {
  return dataSource.transaction(async (manager) => {
    const generic = resource as unknown as Resource<E, object, object, string>;
    const existing = await findInScope(manager, generic, scope, id, { lock: true });
    if (generic.beforeDelete)
      await generic.beforeDelete(await writeContext(manager, scope, actor, options), existing);
    const repository = manager.getRepository(resource.entity);
    if (resource.softDelete) await repository.softDelete(existing.id);
    else await repository.delete(existing.id);
    await writeAudit(manager, actor, {
      action: 'DELETE',
      entityType: resource.entityType,
      entityId: existing.id,
      before: auditOf(generic, existing),
    });
    return existing;
  });
}

/** Runs a state change on one locked row (a status transition, a close), audited as an UPDATE. */
export async function changeRecord<E extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  resource: Resource<E, never, object, string>,
  scope: DataScope,
  actor: Actor,
  id: string,
  change: (ctx: WriteContext, existing: E) => Promise<Partial<E>> | Partial<E>,
  options: WriteOptions & { reason?: string } = {},
): Promise<E> {
  return dataSource.transaction(async (manager) => {
    const generic = resource as unknown as Resource<E, object, object, string>;
    const existing = await findInScope(manager, generic, scope, id, { lock: true });
    const ctx = await writeContext(manager, scope, actor, options);
    const values = await change(ctx, existing);
    const repository = manager.getRepository(resource.entity);
    await repository.save(repository.merge(repository.create(existing), values as E));
    const row = await reload(manager, generic, existing.id);
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: resource.entityType,
      entityId: row.id,
      reason: options.reason ?? null,
      before: auditOf(generic, existing),
      after: auditOf(generic, row),
    });
    return row;
  });
}

export async function getRecord<E extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  resource: Resource<E, never, object, string>,
  scope: DataScope,
  id: string,
): Promise<E> {
  const generic = resource as unknown as Resource<E, object, object, string>;
  return findInScope(dataSource.manager, generic, scope, id, { relations: generic.relations });
}

export async function listRecords<
  E extends ObjectLiteral & { id: string },
  F extends object,
  S extends string,
>(
  dataSource: DataSource,
  resource: Resource<E, never, F, S>,
  scope: DataScope,
  args: ListArgs<F & SubtreeFilter, S> = {},
): Promise<Connection<E>> {
  const manager = dataSource.manager;
  const generic = resource as unknown as Resource<E, object, object, string>;
  const qb = scopedResourceQuery(manager, generic, scope);
  const filter = (args.filter ?? {}) as F & SubtreeFilter;
  await restrictToSubtree(manager, scope, qb, filter.organizationId, filter.includeDescendants ?? true);
  if (resource.applyFilter) await resource.applyFilter(qb, filter, manager, scope);
  const sort = sortOf(args.sort, resource.sortColumns, resource.defaultSort);
  return paginate(qb, resource.alias, sort.property, sort.direction, args);
}
