import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'LOGIN',
  'LOGIN_FAILED',
  'LOGOUT',
  'REVEAL_PII',
  'EXPORT',
  'IMPORT',
  'CREATE',
  'UPDATE',
  'DELETE',
  'GRANT',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One audited event. The application only ever inserts here (no update or delete path exists);
 * rows are kept at least 6 months (网络安全法 Art. 21).
 */
@Entity('audit_log')
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_audit_log_at')
  @Column({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  at!: Date;

  /** username, "api-key:<name>" or "system". */
  @Index('idx_audit_log_actor')
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ name: 'actor_user_id', type: 'bigint', unsigned: true, nullable: true })
  actorUserId!: string | null;

  @Index('idx_audit_log_action')
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40, nullable: true })
  entityType!: string | null;

  @Column({ name: 'entity_id', type: 'varchar', length: 40, nullable: true })
  entityId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
