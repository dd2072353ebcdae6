import {
  DomainError,
  getAlliance,
  getBuilding,
  getBuildingStation,
  getGuidanceVisit,
  getInstructor,
  getServiceCenter,
  getUnit,
  maskName,
  type Alliance,
  type Building,
  type BuildingStation,
  type DataScope,
  type GuidanceVisit,
  type Instructor,
  type OrganizationRecord,
  type ServiceCenter,
  type Unit,
} from '@dangjian/domain';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { GqlContext } from '../../common/context.js';
import type { Principal } from '../../common/principal.js';

/**
 * The related work records of one request, each read through its domain service in the caller's
 * scope (a row outside it loads as null) and each id at most once per request.
 */
export interface WorkLoaders {
  building: DataLoader<string, Building | null>;
  station: DataLoader<string, BuildingStation | null>;
  instructor: DataLoader<string, Instructor | null>;
  center: DataLoader<string, ServiceCenter | null>;
  alliance: DataLoader<string, Alliance | null>;
  unit: DataLoader<string, Unit | null>;
  /** A guidance visit with its item rows (lists load visits without them). */
  guidanceVisit: DataLoader<string, GuidanceVisit | null>;
}

function byId<R>(read: (id: string) => Promise<R>): DataLoader<string, R | null> {
  return new DataLoader<string, R | null>((ids) =>
    Promise.all(
      ids.map((id) =>
        read(id).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
          throw error;
        }),
      ),
    ),
  );
}

const perRequest = new WeakMap<GqlContext, WorkLoaders>();

export function workLoaders(ctx: GqlContext, dataSource: () => DataSource): WorkLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    const scope: DataScope = ctx.scope;
    loaders = {
      building: byId((id) => getBuilding(dataSource(), scope, id)),
      station: byId((id) => getBuildingStation(dataSource(), scope, id)),
      instructor: byId((id) => getInstructor(dataSource(), scope, id)),
      center: byId((id) => getServiceCenter(dataSource(), scope, id)),
      alliance: byId((id) => getAlliance(dataSource(), scope, id)),
      unit: byId((id) => getUnit(dataSource(), scope, id)),
      guidanceVisit: byId((id) => getGuidanceVisit(dataSource(), scope, id)),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

/** An organisation in the caller's scope, or null (outside it, or none). */
export function organizationOf(ctx: GqlContext, id: string | null | undefined): Promise<OrganizationRecord | null> {
  return id ? ctx.loaders.organization.load(id) : Promise.resolve(null);
}

/**
 * A private person's name as a response shows it: in full to console users (who work with these
 * people), masked (张*) for another team's service, as member names are.
 */
export function personName(name: string, principal: Principal): string;
export function personName(name: string | null, principal: Principal): string | null;
export function personName(name: string | null, principal: Principal): string | null {
  if (name === null) return null;
  return principal.kind === 'apiKey' ? maskName(name) : name;
}
