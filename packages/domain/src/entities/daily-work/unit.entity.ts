import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { Building } from './building.entity.js';

/**
 * 非公企业 / 社会组织 are the units the survey (排查) covers; the others appear as alliance units
 * (共建单位) and as hosts of shared service-centre space.
 */
export const UNIT_CATEGORIES = [
  'NON_PUBLIC_ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'STATE_OWNED_ENTERPRISE',
  'PUBLIC_INSTITUTION',
  'OTHER',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];
export const UNIT_CATEGORY_LABELS: Record<UnitCategory, string> = {
  NON_PUBLIC_ENTERPRISE: '非公企业',
  SOCIAL_ORGANIZATION: '社会组织',
  STATE_OWNED_ENTERPRISE: '国有企业',
  PUBLIC_INSTITUTION: '机关事业单位',
  OTHER: '其他',
};

/**
 * 单位: an enterprise, social organisation or other body in a community. The survey fields decide
 * whether it is in the scope of the "两个覆盖" rates; `organizationId` (own organisation) or
 * `jointBranchOrganizationId` (covered by a joint branch) say how it is covered.
 */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** 统一社会信用代码, 18 characters with its check character (GB 32100-2015). */
  @Index('uq_unit_credit_code', { unique: true })
  @Column({
    name: 'credit_code',
    type: 'char',
    length: 18,
    charset: 'ascii',
    collation: 'ascii_bin',
    nullable: true,
  })
  creditCode!: string | null;

  @Index('idx_unit_category')
  @Column({ type: 'varchar', length: 24 })
  category!: UnitCategory;

  @Index('idx_unit_name')
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  /** 有固定场所 */
  @Column({ name: 'has_premises', type: 'boolean', default: false })
  hasPremises!: boolean;

  /** 从业人员数 */
  @Column({ name: 'staff_count', type: 'int', unsigned: true, default: 0 })
  staffCount!: number;

  /** 有实际经营活动 */
  @Column({ name: 'business_active', type: 'boolean', default: false })
  businessActive!: boolean;

  /** The day of the last survey (排查); null when never surveyed. */
  @Index('idx_unit_surveyed_on')
  @Column({ name: 'surveyed_on', type: 'date', nullable: true })
  surveyedOn!: string | null;

  /** 正式党员数 as reported by the survey (members may keep their relation elsewhere). */
  @Column({ name: 'full_member_count', type: 'smallint', unsigned: true, default: 0 })
  fullMemberCount!: number;

  /** The unit's own Party organisation. */
  @Index('idx_unit_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true, nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  /** The joint branch (联合党支部) that covers the unit when it has no organisation of its own. */
  @Index('idx_unit_joint_branch_organization')
  @Column({ name: 'joint_branch_organization_id', type: 'bigint', unsigned: true, nullable: true })
  jointBranchOrganizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'joint_branch_organization_id' })
  jointBranchOrganization?: Relation<Organization> | null;

  @Index('idx_unit_building')
  @Column({ name: 'building_id', type: 'bigint', unsigned: true, nullable: true })
  buildingId!: string | null;

  @ManyToOne(() => Building, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: Relation<Building> | null;

  /** The community organisation whose area the unit lies in: the root of its data scope. */
  @Index('idx_unit_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_unit_deleted_at')
  deletedAt!: Date | null;
}
