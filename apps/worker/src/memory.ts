import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection now. The `gc` function is taken from V8 at run time, since the entry
 * points may be started without flags; where that is refused, this does nothing.
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

/**
 * Returns a check to call between pages: a full collection once the JavaScript heap in use
 * passes `ceilingBytes`. V8 lets its old generation grow to several times the live data before it
 * compacts on its own; a relist of a million records keeps ~90 MB of ids it has seen, so the heap
 * would reach 350 MB and the process 500 MB. Below the ceiling the check costs next to nothing
 * (collecting every few dozen pages regardless cost a sixth of a sync's CPU). When the live data
 * itself outgrows the ceiling, the ceiling follows it, so that it never collects on every page.
 */
export function heapCeiling(ceilingBytes: number): () => void {
  let limit = ceilingBytes;
  return () => {
    if (getHeapStatistics().used_heap_size <= limit) return;
    collectGarbage();
    limit = Math.max(ceilingBytes, getHeapStatistics().used_heap_size * 2);
  };
}
