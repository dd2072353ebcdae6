import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './columns.js';

/** Another team's service that reads the API with a key: read-only, personal data always masked. */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** SHA-256 of the key; the key itself is shown once and never stored. */
  @Index('uq_api_client_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  keyHash!: string;

  /** The first characters of the key, so an administrator can tell keys apart. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ name: 'created_by_user_id', type: 'bigint', unsigned: true, nullable: true })
  createdByUserId!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
