import { AUDIT_ACTIONS, type AuditLogFilter } from '@/api/types';
import type { QuerySchema, QueryValues } from '@/utils/route-query';

export const FILTER_SCHEMA = {
  action: { kind: 'strings' },
  actor: { kind: 'string' },
  entityType: { kind: 'string' },
  entityId: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type AuditLogFilters = QueryValues<typeof FILTER_SCHEMA>;

/** The picker's value format: ISO 8601 with the browser's offset, as the DateTime scalar wants. */
export const DATETIME_VALUE_FORMAT = 'YYYY-MM-DD[T]HH:mm:ssZ';

export function toAuditLogFilter(filters: AuditLogFilters): AuditLogFilter {
  const filter: AuditLogFilter = {};
  if (filters.action.length) filter.action = [...filters.action];
  for (const key of ['actor', 'entityType', 'entityId', 'from', 'to'] as const) {
    const value = filters[key].trim();
    if (value) filter[key] = value;
  }
  return filter;
}

const KNOWN = new Set<string>(AUDIT_ACTIONS);

/** Actions the console can name; others (the server may add more) are shown as written. */
export function isKnownAction(action: string): action is (typeof AUDIT_ACTIONS)[number] {
  return KNOWN.has(action);
}

export const ACTION_TAG: Record<string, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  LOGIN: 'success',
  LOGIN_FAILED: 'danger',
  REVEAL_PII: 'warning',
  EXPORT: 'warning',
  IMPORT: 'primary',
  CREATE: 'primary',
  UPDATE: 'primary',
  DELETE: 'danger',
  GRANT: 'warning',
  API_KEY_CREATED: 'warning',
};
