import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domain-error.js';
import {
  currentCollection,
  emptyProgress,
  finalStatus,
  nextCollection,
  normalizeCollections,
  runProgress,
} from './sync-runs.js';

describe('normalizeCollections', () => {
  it('runs all collections in order when none are named', () => {
    expect(normalizeCollections()).toEqual(['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS']);
    expect(normalizeCollections([])).toEqual(['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS']);
  });

  it('puts named collections in sync order, each once', () => {
    expect(normalizeCollections(['TRANSFERS', 'ORGANIZATIONS', 'TRANSFERS'])).toEqual([
      'ORGANIZATIONS',
      'TRANSFERS',
    ]);
  });

  it('refuses an unknown collection with a Chinese message', () => {
    expect(() => normalizeCollections(['PEOPLE'])).toThrow(DomainError);
    try {
      normalizeCollections(['PEOPLE']);
    } catch (error) {
      expect((error as DomainError).code).toBe('BAD_USER_INPUT');
      expect((error as DomainError).message).toContain('PEOPLE');
    }
  });
});

describe('run state', () => {
  const run = (details: Record<string, ReturnType<typeof emptyProgress>>) => ({
    collections: ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'] as const,
    details,
  });

  it('works on the first collection not yet done, and hands over in order', () => {
    const state = {
      collections: [...run({}).collections],
      details: { ORGANIZATIONS: emptyProgress('SUCCEEDED') },
    };
    expect(currentCollection(state)).toBe('MEMBERS');
    expect(nextCollection(state, 'MEMBERS')).toBe('TRANSFERS');
    expect(nextCollection(state, 'TRANSFERS')).toBeNull();
  });

  it('ends PARTIAL when anything was quarantined or conflicted, FAILED when a collection failed', () => {
    const ok = emptyProgress('SUCCEEDED');
    const base = { collections: ['ORGANIZATIONS', 'MEMBERS'] as ('ORGANIZATIONS' | 'MEMBERS')[] };
    expect(finalStatus({ ...base, details: { ORGANIZATIONS: ok, MEMBERS: ok } }, 0)).toBe('SUCCEEDED');
    expect(
      finalStatus(
        { ...base, details: { ORGANIZATIONS: ok, MEMBERS: { ...ok, status: 'PARTIAL', quarantined: 2 } } },
        0,
      ),
    ).toBe('PARTIAL');
    expect(finalStatus({ ...base, details: { ORGANIZATIONS: ok, MEMBERS: ok } }, 1)).toBe('PARTIAL');
    expect(
      finalStatus({ ...base, details: { ORGANIZATIONS: ok, MEMBERS: { ...ok, status: 'FAILED' } } }, 0),
    ).toBe('FAILED');
  });

  it('counts finished collections whole and the running one by its estimate', () => {
    const state = {
      collections: ['ORGANIZATIONS', 'MEMBERS'] as ('ORGANIZATIONS' | 'MEMBERS')[],
      details: {
        ORGANIZATIONS: emptyProgress('SUCCEEDED'),
        MEMBERS: { ...emptyProgress('RUNNING'), progress: 0.5 },
      },
    };
    expect(runProgress(state)).toBe(0.75);
  });
});
