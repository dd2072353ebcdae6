import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';

/** 无主管楼院 / 道路 */
export const RENOVATION_KINDS = ['COMPOUND', 'ROAD'] as const;
export type RenovationKind = (typeof RENOVATION_KINDS)[number];
export const RENOVATION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED'] as const;
export type RenovationStatus = (typeof RENOVATION_STATUSES)[number];
export const RENOVATION_STATUS_LABELS: Record<RenovationStatus, string> = {
  PLANNED: '计划',
  IN_PROGRESS: '整治中',
  COMPLETED: '已完成',
};

/** 综合整治 of a compound without a managing unit, or of a road ("百城建设提质工程"). */
@Entity('renovation_project')
export class RenovationProject {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_renovation_project_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('idx_renovation_project_kind')
  @Column({ type: 'varchar', length: 10 })
  kind!: RenovationKind;

  @Index('idx_renovation_project_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ name: 'finished_on', type: 'date', nullable: true })
  finishedOn!: string | null;

  @Index('idx_renovation_project_status')
  @Column({ type: 'varchar', length: 12 })
  status!: RenovationStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_renovation_project_deleted_at')
  deletedAt!: Date | null;
}
