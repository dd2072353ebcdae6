import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { numberTransformer } from './transformers.js';

export const CENTER_LEVELS = ['SUBDISTRICT', 'COMMUNITY'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
/** 规划 → 立项 → 在建 → 投用 */
export const CENTER_STAGES = ['PLANNED', 'APPROVED', 'UNDER_CONSTRUCTION', 'OPEN'] as const;
export type CenterStage = (typeof CENTER_STAGES)[number];
export const CENTER_STAGE_LABELS: Record<CenterStage, string> = {
  PLANNED: '规划',
  APPROVED: '立项',
  UNDER_CONSTRUCTION: '在建',
  OPEN: '投用',
};
/** How a community below the area standard gets the space: shared by a property company, a public unit or an enterprise. */
export const SHARING_ROUTES = ['SHARED_PROPERTY', 'SHARED_PUBLIC_UNIT', 'SHARED_ENTERPRISE'] as const;
export type SharingRoute = (typeof SHARING_ROUTES)[number];
export const SHARING_ROUTE_LABELS: Record<SharingRoute, string> = {
  SHARED_PROPERTY: '物业公司共享',
  SHARED_PUBLIC_UNIT: '公共单位共享',
  SHARED_ENTERPRISE: '非公企业共享',
};

/** 党群服务中心 / 阵地 of the subdistrict or a community. */
@Entity('service_center')
export class ServiceCenter {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_service_center_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('uq_service_center_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('idx_service_center_level')
  @Column({ type: 'varchar', length: 12 })
  level!: CenterLevel;

  /** 建筑面积, m². */
  @Column({ name: 'area_m2', type: 'decimal', precision: 8, scale: 2, transformer: numberTransformer })
  areaM2!: number;

  @Index('idx_service_center_stage')
  @Column({ type: 'varchar', length: 20 })
  stage!: CenterStage;

  /** 服务户数, the base of the area standard. */
  @Column({ name: 'households_served', type: 'int', unsigned: true, nullable: true })
  householdsServed!: number | null;

  /** Whether the area meets the local standard, recomputed on every write from the settings. */
  @Index('idx_service_center_standard_met')
  @Column({ name: 'standard_met', type: 'boolean', default: false })
  standardMet!: boolean;

  /** The route taken while below the standard. */
  @Column({ name: 'sharing_route', type: 'varchar', length: 20, nullable: true })
  sharingRoute!: SharingRoute | null;

  /** 党员加油站, 志愿服务站, 矛盾调解室… */
  @Column({ type: 'json' })
  facilities!: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  /** Planned or actual start of construction (开工). */
  @Column({ name: 'construction_starts_on', type: 'date', nullable: true })
  constructionStartsOn!: string | null;

  @Column({ name: 'opened_on', type: 'date', nullable: true })
  openedOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_service_center_deleted_at')
  deletedAt!: Date | null;
}
