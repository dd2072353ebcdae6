import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { Organization } from './organization.entity.js';

export const ROLES = ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'INSTRUCTOR', 'STATION_STAFF', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in to the console. Their organisation is the root of their data scope. */
@Entity('user')
export class User {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, charset: 'ascii', collation: 'ascii_bin' })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 50, nullable: true })
  displayName!: string | null;

  @Index('idx_user_role')
  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Index('idx_user_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true, nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @Column({ name: 'failed_login_count', type: 'smallint', unsigned: true, default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** Raised by logout and password change: every token issued before is refused. */
  @Column({ name: 'token_version', type: 'int', unsigned: true, default: 0 })
  tokenVersion!: number;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
