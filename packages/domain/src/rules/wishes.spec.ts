import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { WISH_STATUSES, WISH_STATUS_LABELS, allowedWishStatus, nextWishStatus } from './wishes.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('a wish goes 征集 → 认领 → 圆梦', () => {
  it('has the three statuses with Chinese labels', () => {
    expect([...WISH_STATUSES]).toEqual(['COLLECTED', 'CLAIMED', 'FULFILLED']);
    expect(WISH_STATUS_LABELS.FULFILLED).toBe('圆梦');
  });

  it('is claimed by a named claimant, then fulfilled', () => {
    expect(nextWishStatus('COLLECTED', 'CLAIMED', '陇海马路街道机关党支部')).toBe('CLAIMED');
    expect(nextWishStatus('CLAIMED', 'FULFILLED')).toBe('FULFILLED');
    expect(allowedWishStatus('COLLECTED')).toBe('CLAIMED');
    expect(allowedWishStatus('FULFILLED')).toBeNull();
  });

  it('a claim needs a claimant', () => {
    for (const claimant of [undefined, null, ' ']) {
      const error = errorOf(() => nextWishStatus('COLLECTED', 'CLAIMED', claimant));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.reason).toBe('WISH_CLAIMANT_REQUIRED');
      expect(error.message).toContain('认领人');
    }
  });

  it('cannot skip the claim, go back, or move after fulfilment', () => {
    const skip = errorOf(() => nextWishStatus('COLLECTED', 'FULFILLED'));
    expect(skip.code).toBe('CONFLICT');
    expect(skip.reason).toBe('WISH_INVALID_TRANSITION');
    expect(skip.message).toBe('微心愿当前状态为「征集」，不能改为「圆梦」');
    expect(errorOf(() => nextWishStatus('CLAIMED', 'COLLECTED')).code).toBe('CONFLICT');
    expect(errorOf(() => nextWishStatus('FULFILLED', 'CLAIMED', 'x')).code).toBe('CONFLICT');
  });
});
