import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { CENTER_LEVELS, CENTER_STAGES, SERVICE_CATEGORIES, type CenterStage, type ServiceCategory, type ServiceCenter, type ServiceRecordFilter } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'centers', allowed: ['centers', 'records'] },
  level: { kind: 'string', allowed: CENTER_LEVELS },
  stage: { kind: 'strings', allowed: CENTER_STAGES },
  standardMet: { kind: 'string', allowed: ['true', 'false'] },
  centerId: { kind: 'string' },
  category: { kind: 'strings', allowed: SERVICE_CATEGORIES },
  servedFrom: { kind: 'string' },
  servedTo: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type CenterFilters = QueryValues<typeof FILTER_SCHEMA>;

/** The centres the filters keep (the list is small: filtered here, not on the server). */
export function filterCenters(centers: readonly ServiceCenter[], filters: Pick<CenterFilters, 'level' | 'stage' | 'standardMet'>): ServiceCenter[] {
  return centers.filter(
    (center) =>
      (!filters.level || center.level === filters.level) &&
      (!filters.stage.length || filters.stage.includes(center.stage)) &&
      (!filters.standardMet || String(center.standardMet) === filters.standardMet),
  );
}

export function toRecordFilter(filters: CenterFilters): ServiceRecordFilter {
  const filter: ServiceRecordFilter = {};
  if (filters.centerId) filter.centerId = filters.centerId;
  if (filters.category.length) filter.category = filters.category as ServiceCategory[];
  if (filters.servedFrom) filter.servedFrom = filters.servedFrom;
  if (filters.servedTo) filter.servedTo = filters.servedTo;
  return filter;
}

export const STAGE_TAG: Record<CenterStage, 'info' | 'primary' | 'warning' | 'success'> = {
  PLANNED: 'info',
  APPROVED: 'primary',
  UNDER_CONSTRUCTION: 'warning',
  OPEN: 'success',
};

/** Square metres as written in reports: whole numbers plainly, otherwise two decimals at most. */
export function formatArea(area: number): string {
  return Number.isInteger(area) ? String(area) : String(Math.round(area * 100) / 100);
}
