import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { ApiError } from '@/api/errors';
import type { Connection } from '@/api/types';
import {
  currentAfter,
  firstPage,
  hasPreviousPage,
  initialPager,
  nextPage,
  pageCount,
  pageNumber,
  previousPage,
  received,
  visibleRange,
  type PagerState,
} from '@/utils/cursor-pager';

export interface PageRequest {
  first: number;
  after: string | null;
  signal: AbortSignal;
}

/**
 * A server-paginated table over a GraphQL connection: loading state, the cursor stack for
 * 上一页/下一页, and cancellation of a request overtaken by a newer one (fast clicking).
 */
export function useCursorTable<T>(fetchPage: (request: PageRequest) => Promise<Connection<T>>, pageSize = 20) {
  const rows = shallowRef<T[]>([]);
  const pager = ref<PagerState>(initialPager(pageSize));
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let controller: AbortController | undefined;

  async function load(options: { quiet?: boolean } = {}): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    if (!options.quiet) loading.value = true;
    try {
      const connection = await fetchPage({ first: pager.value.pageSize, after: currentAfter(pager.value), signal: current.signal });
      if (current.signal.aborted) return;
      rows.value = connection.nodes;
      pager.value = received(pager.value, connection);
      error.value = null;
    } catch (caught) {
      if (current.signal.aborted) return;
      error.value = caught instanceof ApiError ? caught : new ApiError('UNKNOWN', String(caught));
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  function reload(): Promise<void> {
    pager.value = firstPage(pager.value);
    return load();
  }

  function next(): Promise<void> {
    pager.value = nextPage(pager.value);
    return load();
  }

  function previous(): Promise<void> {
    pager.value = previousPage(pager.value);
    return load();
  }

  function setPageSize(size: number): Promise<void> {
    pager.value = firstPage(pager.value, size);
    return load();
  }

  onBeforeUnmount(() => controller?.abort());

  const view = computed(() => ({
    page: pageNumber(pager.value),
    pages: pageCount(pager.value),
    total: pager.value.totalCount,
    pageSize: pager.value.pageSize,
    hasPrevious: hasPreviousPage(pager.value),
    hasNext: pager.value.hasNextPage,
    range: visibleRange(pager.value, rows.value.length),
  }));

  return { rows, pager, loading, error, view, load, reload, next, previous, setPageSize };
}
