import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import type { WishStatus } from '../../rules/wishes.js';

export const WISH_BENEFICIARY_CATEGORIES = ['YOUTH', 'ELDERLY', 'OTHER'] as const;
export type WishBeneficiaryCategory = (typeof WISH_BENEFICIARY_CATEGORIES)[number];
export const WISH_BENEFICIARY_CATEGORY_LABELS: Record<WishBeneficiaryCategory, string> = {
  YOUTH: '青少年',
  ELDERLY: '老人',
  OTHER: '其他困难群众',
};
/** 微心愿: a small wish of a person in difficulty, claimed and fulfilled by a member or unit. */
@Entity('wish')
@Index('idx_wish_org_round_status', ['organizationId', 'round', 'status'])
export class Wish {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The community organisation that collected it. */
  @Index('idx_wish_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** 期: the campaign round (1, 2, …). */
  @Index('idx_wish_round')
  @Column({ type: 'smallint', unsigned: true })
  round!: number;

  @Index('idx_wish_beneficiary_category')
  @Column({ name: 'beneficiary_category', type: 'varchar', length: 10 })
  beneficiaryCategory!: WishBeneficiaryCategory;

  /** Masked at entry (张*): wishes are published to claimants. */
  @Column({ name: 'beneficiary_name', type: 'varchar', length: 50 })
  beneficiaryName!: string;

  @Column({ type: 'varchar', length: 500 })
  content!: string;

  @Index('idx_wish_status')
  @Column({ type: 'varchar', length: 10 })
  status!: WishStatus;

  @Column({ name: 'collected_on', type: 'date' })
  collectedOn!: string;

  @Column({ name: 'claimant_name', type: 'varchar', length: 50, nullable: true })
  claimantName!: string | null;

  @Column({ name: 'claimant_unit', type: 'varchar', length: 100, nullable: true })
  claimantUnit!: string | null;

  @Column({ name: 'claimed_on', type: 'date', nullable: true })
  claimedOn!: string | null;

  @Index('idx_wish_fulfilled_on')
  @Column({ name: 'fulfilled_on', type: 'date', nullable: true })
  fulfilledOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_wish_deleted_at')
  deletedAt!: Date | null;
}
