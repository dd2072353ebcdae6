import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';

/** 惠民服务活动 / 主题教育 / 宣讲 / 志愿活动 / 全城清洁. */
export const ACTIVITY_KINDS = [
  'SERVICE',
  'THEME_EDUCATION',
  'LECTURE_TOUR',
  'VOLUNTEER',
  'CITY_CLEANING',
  'OTHER',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  SERVICE: '惠民服务活动',
  THEME_EDUCATION: '主题教育',
  LECTURE_TOUR: '宣讲',
  VOLUNTEER: '志愿活动',
  CITY_CLEANING: '全城清洁',
  OTHER: '其他',
};

/** One activity an organisation held, with its participations (人次). */
@Entity('activity')
@Index('idx_activity_org_kind_held_on', ['organizationId', 'kind', 'heldOn'])
export class Activity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_activity_kind')
  @Column({ type: 'varchar', length: 16 })
  kind!: ActivityKind;

  @Index('idx_activity_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_activity_held_on')
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place!: string | null;

  /** 人次 */
  @Column({ type: 'int', unsigned: true, default: 0 })
  participations!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_activity_deleted_at')
  deletedAt!: Date | null;
}
