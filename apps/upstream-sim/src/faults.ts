import type { Random } from '@dangjian/domain/demo';
import type { Collection } from './world.js';
import type { VersionedStore, View } from './store.js';

/**
 * Misbehaviour on demand, each a probability per request (or per item) except latency and the
 * Retry-After of injected 429s. Only /v1 is affected; /admin and /healthz always answer.
 */
export interface Faults {
  /** Answer 500/502/503 instead (a push: half the time after doing the work, the answer lost). */
  errorRate?: number;
  /** Delay every answer by this many milliseconds. */
  latencyMs?: number;
  /** Answer 429 with Retry-After: retryAfterSeconds. */
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  /** Feed items delivered twice (in the page, and again on the next page). */
  duplicateRate?: number;
  /** Feed items out of order, and an older version after the newer one. */
  reorderRate?: number;
  /** Extra items that break the contract (no id, unknown enum, impossible date, bad id card). */
  malformedRate?: number;
  /** The answer cut off halfway and the connection dropped. */
  cutConnectionRate?: number;
}

const RATE_FIELDS = ['errorRate', 'rateLimitRate', 'duplicateRate', 'reorderRate', 'malformedRate', 'cutConnectionRate'] as const;

/** Checks a faults object from a test or the admin endpoint; returns a clean copy. */
export function parseFaults(raw: unknown): Faults {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new RangeError('faults must be an object');
  const input = raw as Record<string, unknown>;
  const faults: Faults = {};
  for (const field of RATE_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`${field} must be a number from 0 to 1`);
    faults[field] = value;
  }
  for (const field of ['latencyMs', 'retryAfterSeconds'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 600_000) {
      throw new RangeError(`${field} must be a number from 0 to 600000`);
    }
    faults[field] = value;
  }
  const unknown = Object.keys(input).filter((key) => !(RATE_FIELDS as readonly string[]).includes(key) && key !== 'latencyMs' && key !== 'retryAfterSeconds');
  if (unknown.length) throw new RangeError(`unknown fault ${unknown.join(', ')}`);
  return faults;
}

const DATE_FIELDS: Record<Collection, string> = {
  organizations: 'establishedOn',
  members: 'birthDate',
  transfers: 'letterIssuedOn',
};
const ENUM_FIELDS: Record<Collection, string> = {
  organizations: 'type',
  members: 'status',
  transfers: 'status',
};

/** A copy of a record that breaks the contract in one of the ways a client must quarantine. */
export function malformedCopy(collection: Collection, view: View, random: Random): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...view };
  const breakages = collection === 'members' ? 4 : 3;
  switch (random.int(0, breakages - 1)) {
    case 0:
      delete copy.id;
      break;
    case 1:
      copy[ENUM_FIELDS[collection]] = 'UNRECOGNISED_VALUE';
      break;
    case 2:
      copy[DATE_FIELDS[collection]] = '2023-02-29';
      break;
    default: {
      const idCard = String(copy.idCardNumber ?? '');
      const last = idCard.at(-1);
      copy.idCardNumber = idCard.slice(0, -1) + (last === '0' ? '1' : '0');
    }
  }
  return copy;
}

/** Applies the feed faults to one page: duplicates, reordering, stale versions, broken records. */
export function disturbFeedPage(
  collection: Collection,
  items: Array<{ seq: number; view: View }>,
  store: VersionedStore,
  faults: Faults,
  random: Random,
): { items: Array<Record<string, unknown>>; redeliverFromSeq: number | null } {
  const out: Array<Record<string, unknown>> = [];
  for (const { view } of items) {
    if (faults.malformedRate && !view.deleted && random.chance(faults.malformedRate)) out.push(malformedCopy(collection, view, random));
    out.push(view);
    if (faults.reorderRate && random.chance(faults.reorderRate)) {
      const older = store.previousView(view.id);
      if (older && older.version < view.version) out.push(older);
    }
    if (faults.duplicateRate && random.chance(faults.duplicateRate)) out.push({ ...view });
  }
  if (faults.reorderRate) {
    for (let i = 0; i + 1 < out.length; i++) {
      if (random.chance(faults.reorderRate)) [out[i], out[i + 1]] = [out[i + 1], out[i]];
    }
  }
  let redeliverFromSeq: number | null = null;
  if (faults.duplicateRate && items.length >= 2 && random.chance(faults.duplicateRate)) {
    // The next page starts a few items back: those items arrive twice.
    const back = random.int(1, Math.min(3, items.length - 1));
    redeliverFromSeq = items[items.length - 1 - back].seq;
  }
  return { items: out, redeliverFromSeq };
}
