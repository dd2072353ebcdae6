import type { SyncRun, SyncRunStatus } from '@/api/types';

export const POLL_INTERVAL_MS = 2000;

/** A run still moving: its numbers change, so the page keeps asking. */
export function isActive(run: Pick<SyncRun, 'status'>): boolean {
  return run.status === 'QUEUED' || run.status === 'RUNNING';
}

export function shouldPoll(runs: readonly Pick<SyncRun, 'status'>[]): boolean {
  return runs.some(isActive);
}

export const STATUS_TAG: Record<SyncRunStatus, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  QUEUED: 'info',
  RUNNING: 'primary',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  PARTIAL: 'warning',
};

export const PROGRESS_STATUS: Record<SyncRunStatus, '' | 'success' | 'warning' | 'exception'> = {
  QUEUED: '',
  RUNNING: '',
  SUCCEEDED: 'success',
  FAILED: 'exception',
  PARTIAL: 'warning',
};

/** 0..1 → whole percent for the progress bar; a finished successful run shows 100. */
export function progressPercent(run: Pick<SyncRun, 'progress' | 'status'>): number {
  if (run.status === 'SUCCEEDED') return 100;
  const value = Number.isFinite(run.progress) ? run.progress : 0;
  return Math.max(0, Math.min(100, Math.floor(value * 100)));
}

export const COUNT_FIELDS = [
  { key: 'fetchedCount', labelKey: 'sync.fetched', hintKey: 'sync.counts.fetched' },
  { key: 'appliedCount', labelKey: 'sync.applied', hintKey: 'sync.counts.applied' },
  { key: 'skippedCount', labelKey: 'sync.skipped', hintKey: 'sync.counts.skipped' },
  { key: 'quarantinedCount', labelKey: 'sync.quarantined', hintKey: 'sync.counts.quarantined' },
  { key: 'conflictCount', labelKey: 'sync.conflicts', hintKey: 'sync.counts.conflicts' },
] as const satisfies readonly { key: keyof SyncRun; labelKey: string; hintKey: string }[];
