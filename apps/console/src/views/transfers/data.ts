import {
  TRANSFER_DIRECTIONS,
  TRANSFER_STATUSES,
  type SyncState,
  type Transfer,
  type TransferDirection,
  type TransferFilter,
  type TransferStatus,
} from '@/api/types';
import type { QuerySchema, QueryValues } from '@/utils/route-query';

export const FILTER_SCHEMA = {
  status: { kind: 'strings', allowed: TRANSFER_STATUSES },
  direction: { kind: 'string', allowed: TRANSFER_DIRECTIONS },
  overdue: { kind: 'boolean', default: false },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type TransferFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toTransferFilter(filters: TransferFilters): TransferFilter {
  const filter: TransferFilter = {};
  if (filters.status.length) filter.status = filters.status as TransferStatus[];
  if (filters.direction) filter.direction = filters.direction as TransferDirection;
  if (filters.overdue) filter.overdue = true;
  return filter;
}

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger';

/** In progress → warning colours, finished well → success, stopped → danger/info. */
export const STATUS_TAG: Record<TransferStatus, TagType> = {
  DRAFT: 'info',
  PENDING_APPROVAL: 'warning',
  APPROVED: 'primary',
  IN_TRANSIT: 'warning',
  RECEIVED: 'primary',
  COMPLETED: 'success',
  RETURNED: 'danger',
  WITHDRAWN: 'info',
  REVOKED: 'danger',
  EXPIRED: 'danger',
};

export const SYNC_BADGE: Record<SyncState, TagType> = {
  LOCAL_ONLY: 'info',
  PENDING_PUSH: 'warning',
  SYNCED: 'success',
  CONFLICT: 'danger',
};

export const DIRECTION_TAG: Record<TransferDirection, TagType> = { OUTGOING: 'warning', INCOMING: 'success' };

/** A letter whose validity passed while the member has not been received yet. */
export function letterExpired(transfer: Transfer, today: string): boolean {
  return Boolean(transfer.letterExpiresOn && transfer.letterExpiresOn < today && ['APPROVED', 'IN_TRANSIT', 'EXPIRED'].includes(transfer.status));
}

export interface Column {
  key: keyof Transfer;
  labelKey: string;
  width?: number;
  minWidth?: number;
  fixed?: 'left' | 'right';
}

export const COLUMNS: Column[] = [
  { key: 'memberName', labelKey: 'transfers.memberName', width: 110, fixed: 'left' },
  { key: 'direction', labelKey: 'transfers.direction', width: 90 },
  { key: 'kind', labelKey: 'transfers.kind', width: 150 },
  { key: 'status', labelKey: 'transfers.status', width: 100 },
  { key: 'fromOrganizationName', labelKey: 'transfers.fromOrganization', minWidth: 200 },
  { key: 'toOrganizationName', labelKey: 'transfers.toOrganization', minWidth: 200 },
  { key: 'letterNumber', labelKey: 'transfers.letterNumber', width: 160 },
  { key: 'letterIssuedOn', labelKey: 'transfers.letterIssuedOn', width: 120 },
  { key: 'letterExpiresOn', labelKey: 'transfers.letterExpiresOn', width: 130 },
  { key: 'syncState', labelKey: 'transfers.syncState', width: 110, fixed: 'right' },
];
