import type { SyncCollection } from '../../entities/sync.entities.js';
import type {
  UpstreamMemberRecord,
  UpstreamOrganizationRecord,
  UpstreamTransferRecord,
} from '../../demo/records.js';

/** What every upstream record carries besides its fields (docs/upstream-api.md). */
export interface Versioned {
  id: string;
  version: number;
  updatedAt?: string;
  deleted?: boolean;
}

/** `deleted: true`: the record is gone upstream; only its id and version are known. */
export interface Tombstone {
  id: string;
  version: number;
  deleted: true;
  updatedAt?: string;
}

export type OrganizationItem = (UpstreamOrganizationRecord & Versioned & { deleted?: false }) | Tombstone;
export type MemberItem = (UpstreamMemberRecord & Versioned & { deleted?: false }) | Tombstone;
export type TransferItem = (UpstreamTransferRecord & Versioned & { deleted?: false }) | Tombstone;

export interface CollectionItems {
  ORGANIZATIONS: OrganizationItem;
  MEMBERS: MemberItem;
  TRANSFERS: TransferItem;
}

/** A record that broke the contract, as the client reports it or as the sync finds it. */
export interface QuarantineItem {
  id: string | null;
  reason: string;
  payload: unknown;
}

export function isTombstone(item: Versioned): item is Tombstone {
  return item.deleted === true;
}

/** One page's items reduced to the newest version of each record (a page may repeat a record). */
export function newestById<T extends Versioned>(items: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const seen = newest.get(item.id);
    if (!seen || seen.version < item.version) newest.set(item.id, item);
  }
  return [...newest.values()];
}

export const COLLECTION_TABLES: Record<SyncCollection, 'organization' | 'member' | 'transfer'> = {
  ORGANIZATIONS: 'organization',
  MEMBERS: 'member',
  TRANSFERS: 'transfer',
};

/** What applying one batch did. */
export interface BatchOutcome {
  applied: number;
  skipped: number;
  quarantined: number;
}

export function emptyOutcome(): BatchOutcome {
  return { applied: 0, skipped: 0, quarantined: 0 };
}

export function addOutcome(into: BatchOutcome, more: BatchOutcome): BatchOutcome {
  into.applied += more.applied;
  into.skipped += more.skipped;
  into.quarantined += more.quarantined;
  return into;
}
