/** A record as the upstream system holds it, without the feed's version fields. */
export type Row = Record<string, unknown> & { id: string };

/** A record as a feed or snapshot serves it. */
export type View = Record<string, unknown> & { id: string; version: number; updatedAt?: string; deleted: boolean };

/**
 * The records a collection starts with, produced on demand by index: a million generated members
 * take no memory until asked for, and a changed record lives in the store's overlay instead.
 */
export interface BaseSource {
  count: number;
  idAt(index: number): string;
  recordAt(index: number): Row;
  /** -1 when the id is not one of the base records. */
  indexOf(id: string): number;
  updatedAtOf(record: Row): string;
  /**
   * True when recordAt builds a new object on every call: the store may then turn it into the
   * served view in place, which matters at a million records (copying costs more than generating).
   */
  fresh?: boolean;
}

interface State {
  seq: number;
  version: number;
  updatedAt: string;
  /** null: deleted (a tombstone). */
  record: Row | null;
  /** Wall-clock time of the change, for the retention window. */
  changedAtMs: number;
}

interface Entry extends State {
  id: string;
  base: boolean;
  /** Earlier states, kept for snapshots that started before they were replaced. */
  previous: Array<State & { supersededAtMs: number }>;
}

export function viewOf(record: Row, version: number, updatedAt: string): View {
  return { ...record, version, updatedAt, deleted: false };
}

export function tombstoneOf(id: string, version: number, updatedAt: string): View {
  return { id, version, updatedAt, deleted: true };
}

/**
 * One collection as a versioned log. Every base record has a position (its sequence number,
 * index + 1); every change appends a sequence number and makes the record's older positions
 * stale. A feed cursor is a sequence number: reading from it walks the positions in order,
 * skipping stale ones, so a change always reappears after the cursor that preceded it.
 */
export class VersionedStore {
  private readonly entries = new Map<string, Entry>();
  /** log[k] is the id changed at sequence number base.count + 1 + k. */
  private readonly log: string[] = [];
  /** Records that are not base records, in the order they first appeared. */
  private readonly created: Array<{ id: string; seq: number }> = [];

  constructor(
    readonly base: BaseSource,
    private readonly retentionMs: number,
    private readonly wallClock: () => number = Date.now,
  ) {}

  get lastSeq(): number {
    return this.base.count + this.log.length;
  }

  private baseState(index: number): State {
    const record = this.base.recordAt(index);
    return { seq: index + 1, version: 1, updatedAt: this.base.updatedAtOf(record), record, changedAtMs: 0 };
  }

  private baseView(index: number): View {
    const record = this.base.recordAt(index);
    const updatedAt = this.base.updatedAtOf(record);
    if (!this.base.fresh) return viewOf(record, 1, updatedAt);
    const view = record as View;
    view.version = 1;
    view.updatedAt = updatedAt;
    view.deleted = false;
    return view;
  }

  /** The record now, or null when it never existed or was deleted. */
  get(id: string): { record: Row; version: number; updatedAt: string } | null {
    const entry = this.entries.get(id);
    if (entry) return entry.record ? { record: entry.record, version: entry.version, updatedAt: entry.updatedAt } : null;
    const index = this.base.indexOf(id);
    if (index < 0) return null;
    const state = this.baseState(index);
    return { record: state.record!, version: state.version, updatedAt: state.updatedAt };
  }

  /** The version a write would replace: 0 for an id never seen. */
  private currentVersion(id: string): number {
    const entry = this.entries.get(id);
    if (entry) return entry.version;
    return this.base.indexOf(id) >= 0 ? 1 : 0;
  }

  /** Writes the next version of a record (null deletes it); the change goes to the end of the feed. */
  write(id: string, record: Row | null, updatedAt: string): View {
    const now = this.wallClock();
    const seq = this.lastSeq + 1;
    const version = this.currentVersion(id) + 1;
    this.log.push(id);
    let entry = this.entries.get(id);
    if (!entry) {
      const index = this.base.indexOf(id);
      entry = { id, base: index >= 0, previous: [], seq, version, updatedAt, record, changedAtMs: now };
      if (index >= 0) {
        entry.previous.push({ ...this.baseState(index), supersededAtMs: now });
      } else {
        this.created.push({ id, seq });
      }
      this.entries.set(id, entry);
    } else {
      const { seq: oldSeq, version: oldVersion, updatedAt: oldUpdatedAt, record: oldRecord, changedAtMs } = entry;
      entry.previous.push({ seq: oldSeq, version: oldVersion, updatedAt: oldUpdatedAt, record: oldRecord, changedAtMs, supersededAtMs: now });
      // States replaced longer ago than the retention can only serve snapshots that have expired.
      while (entry.previous.length > 1 && entry.previous[0].supersededAtMs < now - this.retentionMs) entry.previous.shift();
      Object.assign(entry, { seq, version, updatedAt, record, changedAtMs: now });
    }
    return record ? viewOf(record, version, updatedAt) : tombstoneOf(id, version, updatedAt);
  }

  /** A previous version of a changed record, for "an older version may arrive after a newer one". */
  previousView(id: string): View | null {
    const entry = this.entries.get(id);
    const state = entry?.previous.at(-1);
    if (!state) return null;
    return state.record ? viewOf(state.record, state.version, state.updatedAt) : tombstoneOf(id, state.version, state.updatedAt);
  }

  /** The feed after `afterSeq`: current versions only, tombstones while within retention. */
  changesSince(afterSeq: number, limit: number): { items: Array<{ seq: number; view: View }>; nextSeq: number; hasMore: boolean } {
    const items: Array<{ seq: number; view: View }> = [];
    const last = this.lastSeq;
    const oldestTombstone = this.wallClock() - this.retentionMs;
    let seq = afterSeq;
    while (seq < last && items.length < limit) {
      seq++;
      if (seq <= this.base.count) {
        if (this.entries.has(this.base.idAt(seq - 1))) continue;
        items.push({ seq, view: this.baseView(seq - 1) });
        continue;
      }
      const entry = this.entries.get(this.log[seq - this.base.count - 1])!;
      if (entry.seq !== seq) continue;
      if (!entry.record) {
        if (entry.changedAtMs < oldestTombstone) continue;
        items.push({ seq, view: tombstoneOf(entry.id, entry.version, entry.updatedAt) });
      } else {
        items.push({ seq, view: viewOf(entry.record, entry.version, entry.updatedAt) });
      }
    }
    return { items, nextSeq: seq, hasMore: seq < last };
  }

  private stateAsOf(entry: Entry, seq: number): State | null {
    if (entry.seq <= seq) return entry;
    for (let i = entry.previous.length - 1; i >= 0; i--) {
      if (entry.previous[i].seq <= seq) return entry.previous[i];
    }
    return null;
  }

  /**
   * One page of the records as they were at `asOfSeq`, in a fixed order (base records, then the
   * others in order of appearance) so that pages neither skip nor repeat whatever changes between
   * them.
   */
  snapshotPage(asOfSeq: number, position: number, limit: number): { items: View[]; nextPosition: number; done: boolean } {
    const items: View[] = [];
    let p = position;
    const atEnd = () => {
      const k = p - this.base.count;
      return k >= 0 && (k >= this.created.length || this.created[k].seq > asOfSeq);
    };
    while (items.length < limit && !atEnd()) {
      let state: State | null;
      if (p < this.base.count) {
        const entry = this.entries.get(this.base.idAt(p));
        state = entry ? this.stateAsOf(entry, asOfSeq) : null;
        if (!state) {
          // Unchanged as of the snapshot's start: the base record.
          items.push(this.baseView(p));
          p++;
          continue;
        }
      } else {
        state = this.stateAsOf(this.entries.get(this.created[p - this.base.count].id)!, asOfSeq);
      }
      if (state?.record) items.push(viewOf(state.record, state.version, state.updatedAt));
      p++;
    }
    return { items, nextPosition: p, done: atEnd() };
  }

  /** Every current record, in snapshot order. */
  *current(): Generator<View> {
    let position = 0;
    for (;;) {
      const page = this.snapshotPage(this.lastSeq, position, 1000);
      yield* page.items;
      if (page.done) return;
      position = page.nextPosition;
    }
  }
}
