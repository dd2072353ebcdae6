import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { Unit } from './unit.entity.js';

/** 七项联动 */
export const LINKAGE_TYPES = [
  'PARTY_BUILDING',
  'CIVILITY',
  'PUBLIC_SERVICE',
  'CHARITY',
  'ENVIRONMENT',
  'GOVERNANCE',
  'CULTURE',
] as const;
export type LinkageType = (typeof LINKAGE_TYPES)[number];
export const LINKAGE_TYPE_LABELS: Record<LinkageType, string> = {
  PARTY_BUILDING: '党建工作联建',
  CIVILITY: '精神文明联创',
  PUBLIC_SERVICE: '服务群众联手',
  CHARITY: '社会公益联办',
  ENVIRONMENT: '环境保护联防',
  GOVERNANCE: '社会治理联动',
  CULTURE: '文化活动联谊',
};

/** 区域化党建联合体: the organisation that convenes it and its member units. */
@Entity('alliance')
export class Alliance {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_alliance_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('uq_alliance_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_alliance_deleted_at')
  deletedAt!: Date | null;
}

/** 共建单位: a unit in the alliance (a registered Unit, or only a name for bodies outside the survey). */
@Entity('alliance_unit')
@Index('uq_alliance_unit_name', ['allianceId', 'name'], { unique: true })
export class AllianceUnit {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_alliance_unit_alliance')
  @Column({ name: 'alliance_id', type: 'bigint', unsigned: true })
  allianceId!: string;

  @ManyToOne(() => Alliance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alliance_id' })
  alliance?: Relation<Alliance>;

  @Index('idx_alliance_unit_unit')
  @Column({ name: 'unit_id', type: 'bigint', unsigned: true, nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'joined_on', type: 'date', nullable: true })
  joinedOn!: string | null;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

/** One joint project of the alliance under one of the seven linkages. */
@Entity('linkage_project')
@Index('idx_linkage_project_alliance_type', ['allianceId', 'linkageType'])
export class LinkageProject {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_linkage_project_alliance')
  @Column({ name: 'alliance_id', type: 'bigint', unsigned: true })
  allianceId!: string;

  @ManyToOne(() => Alliance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alliance_id' })
  alliance?: Relation<Alliance>;

  @Index('idx_linkage_project_linkage_type')
  @Column({ name: 'linkage_type', type: 'varchar', length: 16 })
  linkageType!: LinkageType;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The alliance units taking part (alliance_unit ids). */
  @Column({ name: 'alliance_unit_ids', type: 'json' })
  allianceUnitIds!: string[];

  @Index('idx_linkage_project_held_on')
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_linkage_project_deleted_at')
  deletedAt!: Date | null;
}
