import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import type { MeetingType } from '../../rules/meeting-types.js';
import type { Attachment } from './checklist-item.entity.js';

export interface Absentee {
  name: string;
  reason: string;
}

/** 组织生活: one meeting of a branch, with the record the branch keeps of it. */
@Entity('meeting')
@Index('idx_meeting_org_type_held_on', ['organizationId', 'type', 'heldOn'])
export class Meeting {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_meeting_type')
  @Column({ type: 'varchar', length: 32 })
  type!: MeetingType;

  @Index('idx_meeting_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_meeting_held_on')
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  topic!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place!: string | null;

  /** 主持人 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  chair!: string | null;

  /** 记录人 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  recorder!: string | null;

  /** 应到 */
  @Column({ name: 'expected_count', type: 'smallint', unsigned: true })
  expectedCount!: number;

  /** 实到 */
  @Column({ name: 'attended_count', type: 'smallint', unsigned: true })
  attendedCount!: number;

  /** Members with voting rights, for the quorum of a branch assembly (more than half must attend). */
  @Column({ name: 'voting_member_count', type: 'smallint', unsigned: true, nullable: true })
  votingMemberCount!: number | null;

  @Column({ type: 'json' })
  absentees!: Absentee[];

  @Column({ type: 'text', nullable: true })
  agenda!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutions!: string | null;

  /** Photos, the sign-in sheet. */
  @Column({ type: 'json' })
  attachments!: Attachment[];

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_meeting_deleted_at')
  deletedAt!: Date | null;
}
