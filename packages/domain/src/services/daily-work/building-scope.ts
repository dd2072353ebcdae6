import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { Building } from '../../entities/daily-work/building.entity.js';
import { Unit } from '../../entities/daily-work/unit.entity.js';
import { DomainError } from '../../errors/domain-error.js';
import { inScope, type DataScope } from '../access/index.js';
import { scopeWhere } from './common.js';

/**
 * How the rows of a station's buildings reach the scope of the station's staff. Their scope holds
 * the branches of their buildings and the enterprises' own organisations (see resolveDataScope),
 * not the communities the rows are filed under, so:
 * - a building is theirs through its branch, or through an enterprise in it with its own
 *   organisation (a building without a branch of its own);
 * - an enterprise (unit) is theirs when it lies in such a building;
 * - a station is theirs through one of its buildings;
 * - an enterprise's request is theirs through its enterprise.
 * A joint branch is no way in: it may also cover enterprises of other buildings and communities.
 * Every condition compares joined organisations' paths with `scopeWhere`, so values stay
 * parameters; the full scope never needs these conditions (resource.ts leaves them out).
 */

/** A SQL condition with its named parameters, as the query builder takes them. */
export interface ScopeClause {
  sql: string;
  params: Record<string, string>;
}

/** Any of the clauses (their parameter names must differ, which the prefixes below see to). */
export function anyOf(...clauses: ScopeClause[]): ScopeClause {
  return {
    sql: `(${clauses.map((clause) => `(${clause.sql})`).join(' OR ')})`,
    params: Object.assign({}, ...clauses.map((clause) => clause.params)) as Record<string, string>,
  };
}

/**
 * Left-joins the organisation `idExpression` (a trusted column) points at as `alias` (a dissolved
 * one joins as nothing) and says "its path is in scope".
 */
function throughOrganization<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  idExpression: string,
  scope: DataScope,
): ScopeClause {
  qb.leftJoin(Organization, alias, `${alias}.id = ${idExpression}`);
  return scopeWhere(`${alias}.path`, scope, `${alias}Path`);
}

/**
 * "An enterprise in the building `buildingIdColumn` (a trusted column, e.g. "building.id") has its
 * own organisation in scope", as an EXISTS sub-query; `tag` keeps aliases and parameters apart.
 */
function throughTenant<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  buildingIdColumn: string,
  scope: DataScope,
  tag: string,
): ScopeClause {
  const unit = `${tag}_tenant`;
  const organization = `${tag}_tenant_org`;
  const where = scopeWhere(`${organization}.path`, scope, `${tag}TenantPath`);
  const sub = qb
    .subQuery()
    .select('1')
    .from(Unit, unit)
    .innerJoin(Organization, organization, `${organization}.id = ${unit}.organizationId`)
    .where(`${unit}.buildingId = ${buildingIdColumn}`)
    .andWhere(`${unit}.deletedAt IS NULL`)
    .andWhere(where.sql)
    .getQuery();
  return { sql: `EXISTS ${sub}`, params: where.params };
}

/** The building `alias` is one of the station's: through its branch or one of its enterprises. */
export function buildingWithinStation<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  scope: DataScope,
): ScopeClause {
  return anyOf(
    throughOrganization(qb, `${alias}_branch`, `${alias}.branchOrganizationId`, scope),
    throughTenant(qb, `${alias}.id`, scope, alias),
  );
}

/** The enterprise `alias` lies in one of the station's buildings (one without a building does not). */
export function unitWithinStation<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  scope: DataScope,
): ScopeClause {
  const building = `${alias}_building`;
  qb.leftJoin(Building, building, `${building}.id = ${alias}.buildingId`);
  return buildingWithinStation(qb, building, scope);
}

/** The station `stationIdColumn` (a trusted column) has one of its buildings in reach. */
export function stationWithinStation<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  stationIdColumn: string,
  scope: DataScope,
): ScopeClause {
  const building = 'station_building';
  const sub = qb.subQuery().select('1').from(Building, building);
  const reach = buildingWithinStation(sub, building, scope);
  const query = sub
    .where(`${building}.stationId = ${stationIdColumn}`)
    .andWhere(`${building}.deletedAt IS NULL`)
    .andWhere(reach.sql)
    .getQuery();
  return { sql: `EXISTS ${query}`, params: reach.params };
}

/**
 * Before a delete: the row's own organisation (its community, a station's organisation) must be in
 * scope. A station's staff reach these rows only through their buildings and may correct them, but
 * removing a building, an enterprise or the station itself stays with those who file them; to them
 * the row is simply not found, as on any other change they may not make.
 */
export async function ownerInScope(
  manager: EntityManager,
  scope: DataScope,
  organizationId: string,
  label: string,
  id: string,
): Promise<void> {
  if (scope.all) return;
  const owner = await manager.getRepository(Organization).findOneBy({ id: organizationId });
  if (!owner || !inScope(owner.path, scope)) throw DomainError.notFound(label, id);
}
