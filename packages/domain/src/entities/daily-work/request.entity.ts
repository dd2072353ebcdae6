import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Member } from '../member.entity.js';
import { Organization } from '../organization.entity.js';
import type { RequestStatus } from '../../rules/requests.js';
import { Building } from './building.entity.js';
import { Unit } from './unit.entity.js';

/** 诉求 from an enterprise (through the building station) or from a resident (through the community). */
export const REQUEST_SOURCES = ['ENTERPRISE', 'RESIDENT'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];
/** 大事 / 小事 / 家务事 */
export const REQUEST_SCALES = ['MAJOR', 'MINOR', 'HOUSEHOLD'] as const;
export type RequestScale = (typeof REQUEST_SCALES)[number];
export const REQUEST_SCALE_LABELS: Record<RequestScale, string> = {
  MAJOR: '大事',
  MINOR: '小事',
  HOUSEHOLD: '家务事',
};
export const REQUEST_CATEGORIES = [
  'POLICY',
  'FINANCING',
  'EMPLOYMENT',
  'PERMITS',
  'PROPERTY',
  'ENVIRONMENT',
  'ELDERLY_CARE',
  'NEIGHBOURHOOD_DISPUTE',
  'SAFETY',
  'OTHER',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  POLICY: '政策咨询',
  FINANCING: '融资',
  EMPLOYMENT: '用工招聘',
  PERMITS: '证照办理',
  PROPERTY: '物业管理',
  ENVIRONMENT: '环境卫生',
  ELDERLY_CARE: '养老服务',
  NEIGHBOURHOOD_DISPUTE: '邻里纠纷',
  SAFETY: '安全隐患',
  OTHER: '其他',
};

/** 诉求: "件件有回音、事事有着落" — received, handled, answered with feedback. */
@Entity('request')
@Index('idx_request_community_status', ['communityOrganizationId', 'status'])
export class Request {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_request_source')
  @Column({ type: 'varchar', length: 10 })
  source!: RequestSource;

  @Column({ name: 'requester_name', type: 'varchar', length: 50 })
  requesterName!: string;

  /** AES-256-GCM ciphertext of the requester's phone. */
  @Column({
    name: 'contact_cipher',
    type: 'varchar',
    length: 128,
    charset: 'ascii',
    collation: 'ascii_bin',
    nullable: true,
  })
  contactCipher!: string | null;

  /** 138****5678 */
  @Column({ name: 'contact_masked', type: 'varchar', length: 20, nullable: true })
  contactMasked!: string | null;

  @Index('idx_request_unit')
  @Column({ name: 'unit_id', type: 'bigint', unsigned: true, nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  @Index('idx_request_building')
  @Column({ name: 'building_id', type: 'bigint', unsigned: true, nullable: true })
  buildingId!: string | null;

  @ManyToOne(() => Building, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: Relation<Building> | null;

  @Index('idx_request_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  @Column({ type: 'text' })
  content!: string;

  @Index('idx_request_category')
  @Column({ type: 'varchar', length: 24 })
  category!: RequestCategory;

  @Index('idx_request_scale')
  @Column({ type: 'varchar', length: 10 })
  scale!: RequestScale;

  /** The team that handles it, e.g. 党员志愿者服务队. */
  @Column({ name: 'handled_by', type: 'varchar', length: 100, nullable: true })
  handledBy!: string | null;

  @Index('idx_request_handler_member')
  @Column({ name: 'handler_member_id', type: 'bigint', unsigned: true, nullable: true })
  handlerMemberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handler_member_id' })
  handlerMember?: Relation<Member> | null;

  @Index('idx_request_status')
  @Column({ type: 'varchar', length: 12 })
  status!: RequestStatus;

  /** 回音: what the requester was told. */
  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  @Column({ name: 'feedback_at', type: 'datetime', precision: 3, nullable: true })
  feedbackAt!: Date | null;

  @Index('idx_request_received_at')
  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Index('idx_request_due_on')
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_request_deleted_at')
  deletedAt!: Date | null;
}
