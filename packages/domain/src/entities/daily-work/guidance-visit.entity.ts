import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import type { GuidanceItem, GuidanceItemState } from '../../rules/guidance.js';
import { Instructor } from './instructor.entity.js';

export const GUIDANCE_METHODS = ['VISIT', 'PHONE', 'ONLINE', 'TRAINING'] as const;
export type GuidanceMethod = (typeof GUIDANCE_METHODS)[number];

/** 指导记录: one visit or contact by an instructor with a branch. */
@Entity('guidance_visit')
@Index('idx_guidance_visit_org_visited_on', ['organizationId', 'visitedOn'])
export class GuidanceVisit {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The branch guided. */
  @Index('idx_guidance_visit_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_guidance_visit_instructor')
  @Column({ name: 'instructor_id', type: 'bigint', unsigned: true })
  instructorId!: string;

  @ManyToOne(() => Instructor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instructor_id' })
  instructor?: Relation<Instructor>;

  @Index('idx_guidance_visit_visited_on')
  @Column({ name: 'visited_on', type: 'date' })
  visitedOn!: string;

  @Column({ type: 'varchar', length: 10, default: 'VISIT' })
  method!: GuidanceMethod;

  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  /** 整改期限 for what the visit found; null when nothing needs following up. */
  @Index('idx_guidance_visit_follow_up_due_on')
  @Column({ name: 'follow_up_due_on', type: 'date', nullable: true })
  followUpDueOn!: string | null;

  @Index('idx_guidance_visit_follow_up_done_on')
  @Column({ name: 'follow_up_done_on', type: 'date', nullable: true })
  followUpDoneOn!: string | null;

  @OneToMany(() => GuidanceVisitItem, (item) => item.visit)
  items?: Relation<GuidanceVisitItem[]>;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_guidance_visit_deleted_at')
  deletedAt!: Date | null;
}

/**
 * One guidance item's state as seen on one visit. A row per item (not JSON) so that the board of
 * branch × item "latest state" is one indexed query; organisation and date are copied from the
 * visit for that reason.
 */
@Entity('guidance_visit_item')
@Index('uq_guidance_visit_item', ['visitId', 'item'], { unique: true })
@Index('idx_guidance_visit_item_board', ['organizationId', 'item', 'visitedOn'])
export class GuidanceVisitItem {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_guidance_visit_item_visit')
  @Column({ name: 'visit_id', type: 'bigint', unsigned: true })
  visitId!: string;

  @ManyToOne(() => GuidanceVisit, (visit) => visit.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id' })
  visit?: Relation<GuidanceVisit>;

  @Index('idx_guidance_visit_item_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'visited_on', type: 'date' })
  visitedOn!: string;

  @Column({ type: 'varchar', length: 24 })
  item!: GuidanceItem;

  @Index('idx_guidance_visit_item_state')
  @Column({ type: 'varchar', length: 20 })
  state!: GuidanceItemState;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
