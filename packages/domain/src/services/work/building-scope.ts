import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { Building } from '../../entities/work/building.entity.js';
import { Unit } from '../../entities/work/unit.entity.js';
import type { DataScope } from '../access/index.js';
import { scopeWhere } from './common.js';

/**
 * How building-bound rows reach the scope of a station's staff, whose scope holds the branches of
 * their buildings and the enterprises' own organisations rather than the communities the rows are
 * filed under:
 * - a building: through its branch, or through an enterprise in it with its own organisation;
 * - an enterprise (unit): through its own organisation, or through its building's branch;
 * - a station: through one of its buildings, reached as above;
 * - an enterprise's request: through its enterprise, reached as above.
 * A joint branch is not a way in: it may cover enterprises of other buildings and communities.
 * Every condition compares joined organisations' paths with `scopeWhere`, so values stay parameters.
 */

/** A SQL condition with its named parameters, as the query builder takes them. */
export interface ScopeClause {
  sql: string;
  params: Record<string, string>;
}

/** Any of the clauses (the parameter names must differ, which the prefixes below see to). */
export function anyOf(...clauses: ScopeClause[]): ScopeClause {
  return {
    sql: `(${clauses.map((clause) => `(${clause.sql})`).join(' OR ')})`,
    params: Object.assign({}, ...clauses.map((clause) => clause.params)) as Record<string, string>,
  };
}

/**
 * Left-joins the organisation `idExpression` points at as `alias` (a dissolved one joins as
 * nothing) and says "its path is in scope".
 */
export function throughOrganization<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  idExpression: string,
  scope: DataScope,
): ScopeClause {
  qb.leftJoin(Organization, alias, `${alias}.id = ${idExpression}`);
  return scopeWhere(`${alias}.path`, scope, `${alias}Path`);
}

/**
 * "An enterprise in the building `buildingIdColumn` (a trusted SQL column, e.g. "building.id") has
 * its own organisation in scope", as an EXISTS sub-query. `tag` keeps aliases and parameters apart.
 */
export function throughTenant<E extends ObjectLiteral>(
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
    .andWhere(where.sql)
    .getQuery();
  return { sql: `EXISTS ${sub}`, params: where.params };
}

/** A building in scope through its branch or one of its enterprises (not through its community). */
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

/** An enterprise in scope through its own organisation or its building's branch. */
export function unitWithinStation<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  scope: DataScope,
): ScopeClause {
  const building = `${alias}_building`;
  qb.leftJoin(Building, building, `${building}.id = ${alias}.buildingId`);
  return anyOf(
    throughOrganization(qb, `${alias}_own`, `${alias}.organizationId`, scope),
    throughOrganization(qb, `${building}_branch`, `${building}.branchOrganizationId`, scope),
  );
}

/** A station in scope through one of its buildings (the station's own organisation aside). */
export function stationWithinStation<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  stationIdColumn: string,
  scope: DataScope,
): ScopeClause {
  const building = 'station_building';
  const sub = qb.subQuery().select('1').from(Building, building);
  const reach = buildingWithinStation(sub, building, scope);
  const query = sub.where(`${building}.stationId = ${stationIdColumn}`).andWhere(reach.sql).getQuery();
  return { sql: `EXISTS ${query}`, params: reach.params };
}
