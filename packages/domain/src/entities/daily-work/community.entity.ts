import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';

/**
 * 社区: the local profile of a community whose Party organisation (category COMMUNITY) comes from
 * upstream. One profile per organisation; "一社区一品牌" lives here.
 */
@Entity('community')
export class Community {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_community_organization', { unique: true })
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  // Many-to-one with the unique index above: a one-to-one would add a second unique index.
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** 陇海东路第一社区 */
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  /** 陇一 */
  @Column({ name: 'short_name', type: 'varchar', length: 20 })
  shortName!: string;

  /** 品牌名称, e.g. 大爱夕阳. */
  @Column({ name: 'brand_name', type: 'varchar', length: 50, nullable: true })
  brandName!: string | null;

  /** 品牌类型, e.g. 温馨养老型. */
  @Index('idx_community_brand_type')
  @Column({ name: 'brand_type', type: 'varchar', length: 30, nullable: true })
  brandType!: string | null;

  /** 工作法, e.g. "1、3、5、7"工作法. */
  @Column({ name: 'work_method', type: 'varchar', length: 100, nullable: true })
  workMethod!: string | null;

  @Column({ type: 'text', nullable: true })
  highlights!: string | null;

  /** 户数, the base of the service-centre area standard. */
  @Column({ type: 'int', unsigned: true, nullable: true })
  households!: number | null;

  @Column({ name: 'resident_count', type: 'int', unsigned: true, nullable: true })
  residentCount!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_community_deleted_at')
  deletedAt!: Date | null;
}
