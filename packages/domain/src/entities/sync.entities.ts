import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';

export const SYNC_COLLECTIONS = ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];
export const SYNC_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export const SYNC_TRIGGERS = ['NIGHTLY', 'MANUAL', 'CLI'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export interface SyncCollectionProgress {
  status: SyncRunStatus;
  fetched: number;
  applied: number;
  skipped: number;
  quarantined: number;
  relisted: boolean;
  /** Estimated share done, 0..1. */
  progress: number;
  error?: string | null;
}

/** One sync run (nightly, requested in the console, or `pnpm sync`), with live counts. */
@Entity('sync_run')
export class SyncRun {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_sync_run_status')
  @Column({ type: 'varchar', length: 12 })
  status!: SyncRunStatus;

  @Column({ type: 'boolean', default: false })
  full!: boolean;

  @Column({ type: 'varchar', length: 8 })
  trigger!: SyncTrigger;

  @Column({ name: 'requested_by', type: 'varchar', length: 64, nullable: true })
  requestedBy!: string | null;

  /** In the order they run: organisations, then members, then transfers. */
  @Column({ type: 'json' })
  collections!: SyncCollection[];

  /** Per collection counts and state, keyed by SyncCollection. */
  @Column({ type: 'json' })
  details!: Partial<Record<SyncCollection, SyncCollectionProgress>>;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** Last sign of life from the worker; the sweeper returns runs with an old heartbeat. */
  @Column({ name: 'heartbeat_at', type: 'datetime', precision: 3, nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'double', default: 0 })
  progress!: number;

  @Column({ name: 'fetched_count', type: 'int', unsigned: true, default: 0 })
  fetchedCount!: number;

  @Column({ name: 'applied_count', type: 'int', unsigned: true, default: 0 })
  appliedCount!: number;

  @Column({ name: 'skipped_count', type: 'int', unsigned: true, default: 0 })
  skippedCount!: number;

  @Column({ name: 'quarantined_count', type: 'int', unsigned: true, default: 0 })
  quarantinedCount!: number;

  @Column({ name: 'conflict_count', type: 'int', unsigned: true, default: 0 })
  conflictCount!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

/** The resume point of one collection's change feed, committed with the batch it follows. */
@Entity('sync_cursor')
export class SyncCursor {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  collection!: SyncCollection;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  cursor!: string | null;

  @Column({ name: 'last_succeeded_at', type: 'datetime', precision: 3, nullable: true })
  lastSucceededAt!: Date | null;

  @UpdatedAt()
  updatedAt!: Date;
}

/** A record that broke the upstream contract: kept with its reason, never applied. */
@Entity('quarantined_record')
@Index('idx_quarantined_record_collection', ['collection', 'upstreamId'])
export class QuarantinedRecord {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_quarantined_record_run')
  @Column({ name: 'sync_run_id', type: 'bigint', unsigned: true, nullable: true })
  syncRunId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  collection!: SyncCollection;

  @Column({ name: 'upstream_id', type: 'varchar', length: 64, nullable: true })
  upstreamId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'json' })
  payload!: unknown;

  @CreatedAt()
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;
}

export const OUTBOX_KINDS = ['CREATE_TRANSFER', 'TRANSFER_ACTION'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'FAILED', 'CONFLICT'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A local transfer action waiting to be pushed upstream. Written in the same transaction as the
 * change; the idempotency key is fixed here so a retry can never become a second action.
 */
@Entity('outbox_entry')
@Index('idx_outbox_entry_status', ['status', 'nextAttemptAt'])
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_outbox_entry_transfer')
  @Column({ name: 'transfer_id', type: 'bigint', unsigned: true })
  transferId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OutboxKind;

  @Column({ type: 'json' })
  payload!: Record<string, unknown>;

  @Index('uq_outbox_entry_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: OutboxStatus;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  /** The gateway request that wrote the entry: the push job and its log lines carry it. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

/** A push that upstream refused (409) or a concurrent change: both sides, for a person to resolve. */
@Entity('sync_conflict')
export class SyncConflict {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_sync_conflict_transfer')
  @Column({ name: 'transfer_id', type: 'bigint', unsigned: true, nullable: true })
  transferId!: string | null;

  @Column({ name: 'outbox_entry_id', type: 'bigint', unsigned: true, nullable: true })
  outboxEntryId!: string | null;

  @Column({ name: 'sync_run_id', type: 'bigint', unsigned: true, nullable: true })
  syncRunId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'local_state', type: 'json', nullable: true })
  localState!: Record<string, unknown> | null;

  @Column({ name: 'upstream_state', type: 'json', nullable: true })
  upstreamState!: Record<string, unknown> | null;

  @CreatedAt()
  createdAt!: Date;

  @Index('idx_sync_conflict_resolved_at')
  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy!: string | null;

  /** KEEP_UPSTREAM, RETRY_LOCAL, or DISMISSED. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution!: string | null;
}
