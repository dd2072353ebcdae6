import { describe, expect, it } from 'vitest';
import { computeTreePaths, levelsByParent } from './organizations.js';

describe('computeTreePaths', () => {
  it('gives each node its ancestors and itself, the root at depth 0', () => {
    const paths = computeTreePaths([
      { id: '17', parentId: '4' },
      { id: '1', parentId: null },
      { id: '4', parentId: '1' },
      { id: '9', parentId: '1' },
    ]);
    expect(paths.get('1')).toEqual({ path: '/1/', depth: 0 });
    expect(paths.get('4')).toEqual({ path: '/1/4/', depth: 1 });
    expect(paths.get('17')).toEqual({ path: '/1/4/17/', depth: 2 });
    expect(paths.get('9')).toEqual({ path: '/1/9/', depth: 1 });
  });

  it('roots a node whose parent is missing, and never loses nodes caught in a cycle', () => {
    const paths = computeTreePaths([
      { id: '5', parentId: '99' },
      { id: '6', parentId: '7' },
      { id: '7', parentId: '6' },
    ]);
    expect(paths.get('5')).toEqual({ path: '/5/', depth: 0 });
    expect(paths.size).toBe(3);
  });
});

describe('levelsByParent', () => {
  it('puts parents before children whatever order they arrived in', () => {
    const { levels, cyclic } = levelsByParent([
      { id: 'c', parentId: 'b' },
      { id: 'b', parentId: 'a' },
      { id: 'a', parentId: 'outside' },
      { id: 'd', parentId: 'a' },
    ]);
    expect(cyclic).toEqual([]);
    expect(levels.map((level) => level.map((node) => node.id).sort())).toEqual([['a'], ['b', 'd'], ['c']]);
  });

  it('finds records whose parent chain loops, and their descendants', () => {
    const { levels, cyclic } = levelsByParent([
      { id: 'x', parentId: 'y' },
      { id: 'y', parentId: 'x' },
      { id: 'z', parentId: 'x' },
      { id: 'ok', parentId: null },
    ]);
    expect(cyclic.map((node) => node.id).sort()).toEqual(['x', 'y', 'z']);
    expect(levels.flat().map((node) => node.id)).toEqual(['ok']);
  });
});
