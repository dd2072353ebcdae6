import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Member, type Education, type Gender } from '../member.entity.js';
import { Organization } from '../organization.entity.js';

/** 党建专职工作人员: full-time Party-building staff of a community (2 per community in the article). */
@Entity('staff')
@Index('uq_staff_community_name', ['communityOrganizationId', 'name'], { unique: true })
export class Staff {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_staff_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 6, nullable: true })
  gender!: Gender | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  education!: Education | null;

  /** AES-256-GCM ciphertext of the phone number. */
  @Column({
    name: 'phone_cipher',
    type: 'varchar',
    length: 128,
    charset: 'ascii',
    collation: 'ascii_bin',
    nullable: true,
  })
  phoneCipher!: string | null;

  /** 138****5678 */
  @Column({ name: 'phone_masked', type: 'varchar', length: 20, nullable: true })
  phoneMasked!: string | null;

  /** The member record when the staff member is a Party member of the community. */
  @Index('idx_staff_member')
  @Column({ name: 'member_id', type: 'bigint', unsigned: true, nullable: true })
  memberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member> | null;

  @Index('idx_staff_started_on')
  @Column({ name: 'started_on', type: 'date' })
  startedOn!: string;

  /** Null while in post. */
  @Index('idx_staff_ended_on')
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_staff_deleted_at')
  deletedAt!: Date | null;
}
