import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection now. A long sync allocates pages, SQL text and answer bodies faster than
 * V8 chooses to compact its old generation, so the process would otherwise hold hundreds of MB of
 * garbage; collecting every few dozen pages keeps a million-member sync well under 512 MB. The
 * `gc` function is taken from V8 at run time, since the entry points may be started without flags.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** Calls `collectGarbage` once every `every` calls. */
export function garbageCollector(every: number): () => void {
  let count = 0;
  return () => {
    if (++count % every === 0) collectGarbage();
  };
}
