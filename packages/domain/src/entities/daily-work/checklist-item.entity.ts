import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import type { ChecklistKind, ChecklistStatus } from '../../rules/checklist.js';

export interface Attachment {
  name: string;
  url: string;
}

/** 清单: one line of one of the five lists of an organisation. */
@Entity('checklist_item')
@Index('idx_checklist_item_org_kind_status', ['organizationId', 'kind', 'status'])
export class ChecklistItem {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_checklist_item_kind')
  @Column({ type: 'varchar', length: 16 })
  kind!: ChecklistKind;

  @Index('idx_checklist_item_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  content!: string | null;

  /** 责任人 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  owner!: string | null;

  @Index('idx_checklist_item_due_on')
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Index('idx_checklist_item_status')
  @Column({ type: 'varchar', length: 16 })
  status!: ChecklistStatus;

  /** 整改情况: what was done about a problem. */
  @Column({ type: 'text', nullable: true })
  rectification!: string | null;

  @Column({ type: 'json' })
  attachments!: Attachment[];

  /** 销号 */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 64, nullable: true })
  closedBy!: string | null;

  /** 公示: when the study, resource or activity list line was made public. */
  @Index('idx_checklist_item_published_at')
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_checklist_item_deleted_at')
  deletedAt!: Date | null;
}
