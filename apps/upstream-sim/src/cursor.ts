/**
 * Opaque tokens: a feed cursor (a position in a collection's log) and a snapshot page (a position
 * in a snapshot as of a log position). Both name the simulator instance that issued them, so a
 * restarted simulator answers 410 instead of resuming from a log it no longer has.
 */
export interface FeedCursor {
  kind: 'feed';
  collection: string;
  seq: number;
  issuedAtMs: number;
  epoch: number;
  instance: string;
}

export interface SnapshotToken {
  kind: 'snapshot';
  collection: string;
  asOfSeq: number;
  position: number;
  startedAtMs: number;
  instance: string;
}

export function encodeToken(token: FeedCursor | SnapshotToken): string {
  const parts =
    token.kind === 'feed'
      ? ['f', token.collection, token.seq, token.issuedAtMs, token.epoch, token.instance]
      : ['s', token.collection, token.asOfSeq, token.position, token.startedAtMs, token.instance];
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

/** null when the text is not a token this simulator could have issued. */
export function decodeToken(text: string): FeedCursor | SnapshotToken | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (parts.length !== 6) return null;
  const numbers = parts.slice(2, 5).map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  if (parts[0] === 'f') {
    return { kind: 'feed', collection: parts[1], seq: numbers[0], issuedAtMs: numbers[1], epoch: numbers[2], instance: parts[5] };
  }
  if (parts[0] === 's') {
    return { kind: 'snapshot', collection: parts[1], asOfSeq: numbers[0], position: numbers[1], startedAtMs: numbers[2], instance: parts[5] };
  }
  return null;
}
