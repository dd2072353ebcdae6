import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from './columns.js';
import { Member } from './member.entity.js';
import { Organization } from './organization.entity.js';

export const TRANSFER_DIRECTIONS = ['OUTGOING', 'INCOMING'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
export const TRANSFER_KINDS = ['WITHIN_SYSTEM', 'CROSS_PROVINCE', 'PAPER'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'APPROVED',
  'IN_TRANSIT',
  'RECEIVED',
  'COMPLETED',
  'RETURNED',
  'WITHDRAWN',
  'REVOKED',
  'EXPIRED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_ACTIONS = [
  'APPROVE',
  'ISSUE_LETTER',
  'RECEIVE',
  'RETURN',
  'WITHDRAW',
  'REVOKE',
  'CONFIRM_RECEIPT',
  'REISSUE',
] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
/** LOCAL_ONLY: never pushed; PENDING_PUSH: an outbox row waits; SYNCED; CONFLICT: a person must decide. */
export const SYNC_STATES = ['LOCAL_ONLY', 'PENDING_PUSH', 'SYNCED', 'CONFLICT'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface TransferHistoryEvent {
  status: TransferStatus;
  at: string;
  by: string | null;
  note: string | null;
}

/** 组织关系转接: one member's move of Party relation, seen from this subdistrict's side. */
@Entity('transfer')
@Index('idx_transfer_org_status', ['organizationId', 'status'])
// The work lists (待办, 未办结, 即将办理) and the overdue filter: a status with its direction, with the
// letter's expiry, or with the receipt still due, each one index range rather than a table scan.
@Index('idx_transfer_status_direction', ['status', 'direction'])
@Index('idx_transfer_status_letter', ['status', 'letterExpiresOn'])
@Index('idx_transfer_status_receipt', ['status', 'receiptOn', 'receivedOn'])
export class Transfer {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_transfer_upstream_id', { unique: true })
  @Column({ name: 'upstream_id', type: 'varchar', length: 40, nullable: true })
  upstreamId!: string | null;

  @Column({ name: 'upstream_version', type: 'int', unsigned: true, nullable: true })
  upstreamVersion!: number | null;

  @Index('idx_transfer_member')
  @Column({ name: 'member_id', type: 'bigint', unsigned: true, nullable: true })
  memberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member> | null;

  @Column({ name: 'member_upstream_id', type: 'varchar', length: 32, nullable: true })
  memberUpstreamId!: string | null;

  @Column({ name: 'member_name', type: 'varchar', length: 50 })
  memberName!: string;

  @Index('idx_transfer_direction')
  @Column({ type: 'varchar', length: 10 })
  direction!: TransferDirection;

  @Column({ type: 'varchar', length: 16 })
  kind!: TransferKind;

  @Column({ type: 'varchar', length: 20 })
  status!: TransferStatus;

  /** The local organisation this transfer belongs to: the sender when OUTGOING, the receiver when INCOMING. */
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true, nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @Column({ name: 'from_organization_upstream_id', type: 'varchar', length: 20, nullable: true })
  fromOrganizationUpstreamId!: string | null;

  @Column({ name: 'from_organization_name', type: 'varchar', length: 100 })
  fromOrganizationName!: string;

  @Column({ name: 'to_organization_upstream_id', type: 'varchar', length: 20, nullable: true })
  toOrganizationUpstreamId!: string | null;

  @Column({ name: 'to_organization_name', type: 'varchar', length: 100 })
  toOrganizationName!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'letter_number', type: 'varchar', length: 40, nullable: true })
  letterNumber!: string | null;

  @Column({ name: 'letter_issued_on', type: 'date', nullable: true })
  letterIssuedOn!: string | null;

  @Column({ name: 'letter_valid_days', type: 'smallint', unsigned: true, nullable: true })
  letterValidDays!: number | null;

  /** letterIssuedOn + letterValidDays, stored so "expiring within 7 days" is an indexed filter. */
  @Index('idx_transfer_letter_expires_on')
  @Column({ name: 'letter_expires_on', type: 'date', nullable: true })
  letterExpiresOn!: string | null;

  @Column({ name: 'received_on', type: 'date', nullable: true })
  receivedOn!: string | null;

  @Column({ name: 'receipt_on', type: 'date', nullable: true })
  receiptOn!: string | null;

  @Column({ name: 'dues_paid_through', type: 'char', length: 7, nullable: true })
  duesPaidThrough!: string | null;

  @Column({ type: 'json' })
  history!: TransferHistoryEvent[];

  @Index('idx_transfer_sync_state')
  @Column({ name: 'sync_state', type: 'varchar', length: 16, default: 'LOCAL_ONLY' })
  syncState!: SyncState;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_transfer_deleted_at')
  deletedAt!: Date | null;
}
