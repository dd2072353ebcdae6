import { describe, expect, it } from 'vitest';
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
} from './cursor-pager';

const page = (endCursor: string | null, hasNextPage: boolean, totalCount = 45) => ({ totalCount, pageInfo: { endCursor, hasNextPage } });

describe('cursor pager', () => {
  it('walks forward with endCursor and back with the remembered cursors', () => {
    let state = initialPager(20);
    expect(currentAfter(state)).toBeNull();
    state = received(state, page('c20', true));
    expect(pageCount(state)).toBe(3);

    state = nextPage(state);
    expect(currentAfter(state)).toBe('c20');
    expect(pageNumber(state)).toBe(2);
    state = received(state, page('c40', true));

    state = nextPage(state);
    expect(currentAfter(state)).toBe('c40');
    state = received(state, page('c45', false));
    expect(state.hasNextPage).toBe(false);
    expect(visibleRange(state, 5)).toEqual({ from: 41, to: 45 });

    state = previousPage(state);
    expect(currentAfter(state)).toBe('c20');
    expect(pageNumber(state)).toBe(2);
    state = previousPage(state);
    expect(currentAfter(state)).toBeNull();
    expect(hasPreviousPage(state)).toBe(false);
  });

  it('does not move past either end', () => {
    let state = received(initialPager(20), page('c20', false, 20));
    expect(nextPage(state)).toBe(state);
    state = previousPage(state);
    expect(pageNumber(state)).toBe(1);
  });

  it('does not offer a next page without a cursor to continue from', () => {
    const state = received(initialPager(20), page(null, true));
    expect(state.hasNextPage).toBe(false);
  });

  it('cannot follow a cursor twice before the page it leads to has arrived', () => {
    let state = received(initialPager(10), page('c10', true));
    state = nextPage(state);
    expect(nextPage(state)).toBe(state);
  });

  it('starts over at page 1 when filters or the page size change', () => {
    let state = received(initialPager(20), page('c20', true));
    state = received(nextPage(state), page('c40', true));
    state = firstPage(state, 50);
    expect(currentAfter(state)).toBeNull();
    expect(state.pageSize).toBe(50);
    expect(pageNumber(state)).toBe(1);
  });

  it('shows an empty range and one page for an empty list', () => {
    const state = received(initialPager(20), page(null, false, 0));
    expect(visibleRange(state, 0)).toEqual({ from: 0, to: 0 });
    expect(pageCount(state)).toBe(1);
  });
});
