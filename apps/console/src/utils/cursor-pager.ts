/**
 * Paging a GraphQL connection forwards and backwards. The server gives only `endCursor` (forward
 * paging), so going back means remembering the `after` used for every page already seen: a stack
 * whose top is the current page's `after` (null for the first page).
 */
export interface PagerState {
  readonly pageSize: number;
  /** `after` of page 1, 2, … up to the current page; the first entry is always null. */
  readonly cursors: readonly (string | null)[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export function initialPager(pageSize = 20): PagerState {
  return { pageSize, cursors: [null], totalCount: 0, hasNextPage: false, endCursor: null };
}

/** The `after` argument for the current page. */
export function currentAfter(state: PagerState): string | null {
  return state.cursors[state.cursors.length - 1] ?? null;
}

/** 1-based number of the current page. */
export function pageNumber(state: PagerState): number {
  return state.cursors.length;
}

export function pageCount(state: PagerState): number {
  return Math.max(1, Math.ceil(state.totalCount / state.pageSize));
}

export function hasPreviousPage(state: PagerState): boolean {
  return state.cursors.length > 1;
}

/** Records what the server said about the page just loaded. */
export function received(state: PagerState, connection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } }): PagerState {
  return {
    ...state,
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage && connection.pageInfo.endCursor !== null,
    endCursor: connection.pageInfo.endCursor,
  };
}

export function nextPage(state: PagerState): PagerState {
  if (!state.hasNextPage || state.endCursor === null) return state;
  return { ...state, cursors: [...state.cursors, state.endCursor], hasNextPage: false, endCursor: null };
}

export function previousPage(state: PagerState): PagerState {
  if (state.cursors.length <= 1) return state;
  return { ...state, cursors: state.cursors.slice(0, -1), hasNextPage: false, endCursor: null };
}

/** Back to page 1, e.g. when filters or the page size change (old cursors mean nothing then). */
export function firstPage(state: PagerState, pageSize = state.pageSize): PagerState {
  return { ...initialPager(pageSize), totalCount: state.totalCount };
}

/** The rows shown, 1-based and inclusive, for "第 21–40 条"; from 0 when the page is empty. */
export function visibleRange(state: PagerState, rowCount: number): { from: number; to: number } {
  if (rowCount === 0) return { from: 0, to: 0 };
  const from = (pageNumber(state) - 1) * state.pageSize + 1;
  return { from, to: from + rowCount - 1 };
}
