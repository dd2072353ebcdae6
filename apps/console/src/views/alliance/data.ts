import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { LINKAGE_TYPES, type AllianceUnit, type LinkageType, type ProjectFilter } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'units', allowed: ['units', 'projects'] },
  allianceId: { kind: 'string' },
  linkageType: { kind: 'strings', allowed: LINKAGE_TYPES },
  heldFrom: { kind: 'string' },
  heldTo: { kind: 'string' },
  activeOn: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type AllianceFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toProjectFilter(filters: AllianceFilters, allianceId: string | null): ProjectFilter {
  const filter: ProjectFilter = {};
  if (allianceId) filter.allianceId = allianceId;
  if (filters.linkageType.length) filter.linkageType = filters.linkageType as LinkageType[];
  if (filters.heldFrom) filter.heldFrom = filters.heldFrom;
  if (filters.heldTo) filter.heldTo = filters.heldTo;
  return filter;
}

/** A member unit is current on `day` when it had joined by then and had not left before it. */
export function isActive(unit: Pick<AllianceUnit, 'joinedOn' | 'leftOn'>, day: string): boolean {
  return (!unit.joinedOn || unit.joinedOn <= day) && (!unit.leftOn || unit.leftOn >= day);
}

export const LINKAGE_COLORS: Record<LinkageType, string> = {
  PARTY_BUILDING: '#b3261e',
  CIVILITY: '#c77700',
  PUBLIC_SERVICE: '#1d5fa8',
  CHARITY: '#a8412a',
  ENVIRONMENT: '#27702b',
  GOVERNANCE: '#5b4ba0',
  CULTURE: '#0f7a7a',
};
