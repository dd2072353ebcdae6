/** A feed page taken in order, with where the feed resumes after it. */
export interface FeedPageSlot {
  readonly cursor: string;
  committed: boolean;
}

/**
 * The feed's pages in the order they were read, while several are applied at once: the cursor
 * that may be stored is that of the last page before the first one not yet committed, so a
 * resume never starts after a change that is not in the database.
 */
export class CommittedPrefix {
  private readonly pending: FeedPageSlot[] = [];

  constructor(private stored: string) {}

  /** The cursor stored last (or to store now). */
  get cursor(): string {
    return this.stored;
  }

  add(cursor: string): FeedPageSlot {
    const slot = { cursor, committed: false };
    this.pending.push(slot);
    return slot;
  }

  /** Marks a page committed; the cursor to store now, or null when it does not move. */
  commit(slot: FeedPageSlot): string | null {
    slot.committed = true;
    let next: string | null = null;
    while (this.pending[0]?.committed) next = (this.pending.shift() as FeedPageSlot).cursor;
    if (next === null || next === this.stored) return null;
    this.stored = next;
    return next;
  }
}

/** The pages in flight that hold one of these records: a page must wait for them, in feed order. */
export function holdersOf<T>(ids: ReadonlySet<string>, inFlight: ReadonlyMap<T, ReadonlySet<string>>): T[] {
  const holders: T[] = [];
  for (const [lane, held] of inFlight) {
    for (const id of ids) {
      if (held.has(id)) {
        holders.push(lane);
        break;
      }
    }
  }
  return holders;
}
