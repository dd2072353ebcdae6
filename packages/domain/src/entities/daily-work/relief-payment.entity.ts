import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { numberTransformer } from './transformers.js';

/** 低保金 / 补贴金 / 慰问金 */
export const RELIEF_KINDS = ['SUBSISTENCE', 'SUBSIDY', 'CONDOLENCE'] as const;
export type ReliefKind = (typeof RELIEF_KINDS)[number];
export const RELIEF_KIND_LABELS: Record<ReliefKind, string> = {
  SUBSISTENCE: '低保金',
  SUBSIDY: '补贴金',
  CONDOLENCE: '慰问金',
};

/** One disbursement of relief money in a community (a batch: amount and number of recipients). */
@Entity('relief_payment')
@Index('idx_relief_payment_community_paid_on', ['communityOrganizationId', 'paidOn'])
export class ReliefPayment {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_relief_payment_kind')
  @Column({ type: 'varchar', length: 12 })
  kind!: ReliefKind;

  /** Integer fen. */
  @Column({ name: 'amount_fen', type: 'bigint', unsigned: true, transformer: numberTransformer })
  amountFen!: number;

  @Index('idx_relief_payment_paid_on')
  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  @Column({ name: 'recipient_count', type: 'int', unsigned: true })
  recipientCount!: number;

  @Index('idx_relief_payment_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
