import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from './columns.js';
import { Organization } from './organization.entity.js';

export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];
export const MEMBER_STATUSES = ['FULL', 'PROBATIONARY'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** 学历, highest first; 大专及以上 = JUNIOR_COLLEGE and above. */
export const EDUCATIONS = [
  'POSTGRADUATE',
  'UNDERGRADUATE',
  'JUNIOR_COLLEGE',
  'SECONDARY',
  'HIGH_SCHOOL',
  'JUNIOR_HIGH_OR_BELOW',
] as const;
export type Education = (typeof EDUCATIONS)[number];
export const MEMBER_FLAGS = ['MOBILE', 'LOST_CONTACT'] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];

/**
 * 党员. The upstream system owns the identity fields; the id card number and phone are stored
 * encrypted (AES-256-GCM), with a keyed hash for exact look-up and a masked copy for lists, so
 * that no list or export ever needs to decrypt.
 */
@Entity('member')
@Index('idx_member_org_status', ['organizationId', 'status'])
export class Member {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_member_upstream_id', { unique: true })
  @Column({ name: 'upstream_id', type: 'varchar', length: 32, nullable: true })
  upstreamId!: string | null;

  @Column({ name: 'upstream_version', type: 'int', unsigned: true, nullable: true })
  upstreamVersion!: number | null;

  @Index('idx_member_name')
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 6 })
  gender!: Gender;

  @Column({ type: 'varchar', length: 20, default: '汉族' })
  ethnicity!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  /** AES-256-GCM ciphertext ("v1.iv.tag.data", base64url). */
  @Column({ name: 'id_card_cipher', type: 'varchar', length: 160, charset: 'ascii', collation: 'ascii_bin' })
  idCardCipher!: string;

  /** HMAC-SHA256 of the normalised number under a key derived from PII_ENCRYPTION_KEY. */
  @Index('idx_member_id_card_hash')
  @Column({ name: 'id_card_hash', type: 'char', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  idCardHash!: string;

  /** 410102********1234 */
  @Column({ name: 'id_card_masked', type: 'varchar', length: 18 })
  idCardMasked!: string;

  @Column({ name: 'phone_cipher', type: 'varchar', length: 128, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  phoneCipher!: string | null;

  /** 138****5678 */
  @Column({ name: 'phone_masked', type: 'varchar', length: 20, nullable: true })
  phoneMasked!: string | null;

  @Index('idx_member_education')
  @Column({ type: 'varchar', length: 24 })
  education!: Education;

  @Column({ type: 'varchar', length: 16 })
  status!: MemberStatus;

  /** 入党时间: the day the branch admitted the member as probationary. */
  @Column({ name: 'joined_on', type: 'date' })
  joinedOn!: string;

  /** 转正时间; Party standing counts from here. */
  @Column({ name: 'full_member_on', type: 'date', nullable: true })
  fullMemberOn!: string | null;

  /** Months by which probation was extended (at most 12, once). */
  @Column({ name: 'probation_extended_months', type: 'tinyint', unsigned: true, default: 0 })
  probationExtendedMonths!: number;

  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** 党费交至, YYYY-MM. */
  @Column({ name: 'dues_paid_through', type: 'char', length: 7, nullable: true })
  duesPaidThrough!: string | null;

  /** MOBILE (流动党员), LOST_CONTACT (失联党员). */
  @Column({ type: 'json' })
  flags!: MemberFlag[];

  /** The last Party life attended, for the 6-month rule. */
  @Column({ name: 'last_party_life_on', type: 'date', nullable: true })
  lastPartyLifeOn!: string | null;

  @Column({ name: 'last_dues_paid_on', type: 'date', nullable: true })
  lastDuesPaidOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  /** A tombstone from upstream (died, left the Party, moved out of scope). */
  @DeletedAt('idx_member_deleted_at')
  deletedAt!: Date | null;
}
