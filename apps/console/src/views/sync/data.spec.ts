import { describe, expect, it } from 'vitest';
import { progressPercent, shouldPoll } from './data';

describe('sync page', () => {
  it('keeps polling while any run is queued or running', () => {
    expect(shouldPoll([{ status: 'SUCCEEDED' }, { status: 'RUNNING' }])).toBe(true);
    expect(shouldPoll([{ status: 'QUEUED' }])).toBe(true);
    expect(shouldPoll([{ status: 'SUCCEEDED' }, { status: 'FAILED' }, { status: 'PARTIAL' }])).toBe(false);
    expect(shouldPoll([])).toBe(false);
  });

  it('shows progress as a whole percent within 0–100', () => {
    expect(progressPercent({ status: 'RUNNING', progress: 0.456 })).toBe(45);
    expect(progressPercent({ status: 'RUNNING', progress: 1.2 })).toBe(100);
    expect(progressPercent({ status: 'QUEUED', progress: Number.NaN })).toBe(0);
    expect(progressPercent({ status: 'SUCCEEDED', progress: 0.99 })).toBe(100);
  });
});
