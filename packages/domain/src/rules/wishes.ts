import { DomainError } from '../errors/domain-error.js';

/** 微心愿: 征集 → 认领 → 圆梦. */
export const WISH_STATUSES = ['COLLECTED', 'CLAIMED', 'FULFILLED'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  COLLECTED: '征集',
  CLAIMED: '认领',
  FULFILLED: '圆梦',
};

const WISH_TRANSITIONS: Record<WishStatus, WishStatus | null> = {
  COLLECTED: 'CLAIMED',
  CLAIMED: 'FULFILLED',
  FULFILLED: null,
};

/**
 * Moves a wish one step on. Claiming needs the claimant (a member, a unit, a volunteer). Throws
 * CONFLICT (WISH_INVALID_TRANSITION) or BAD_USER_INPUT (WISH_CLAIMANT_REQUIRED).
 */
export function nextWishStatus(current: WishStatus, target: WishStatus, claimant?: string | null): WishStatus {
  if (WISH_TRANSITIONS[current] !== target) {
    throw DomainError.conflict(
      `微心愿当前状态为「${WISH_STATUS_LABELS[current] ?? current}」，不能改为「${WISH_STATUS_LABELS[target] ?? target}」`,
      'WISH_INVALID_TRANSITION',
      { currentStatus: current, targetStatus: target },
    );
  }
  if (target === 'CLAIMED' && !claimant?.trim()) {
    throw DomainError.badInput([{ field: 'claimant', reason: 'WISH_CLAIMANT_REQUIRED', message: '认领微心愿必须填写认领人' }]);
  }
  return target;
}

/** The status a wish in `current` may move to, if any. */
export function allowedWishStatus(current: WishStatus): WishStatus | null {
  return WISH_TRANSITIONS[current] ?? null;
}
