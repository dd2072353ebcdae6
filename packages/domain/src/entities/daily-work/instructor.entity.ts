import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { User } from '../user.entity.js';

/** 党建指导员: appointed by an organisation (usually the working committee) to guide branches. */
@Entity('instructor')
@Index('uq_instructor_org_name', ['organizationId', 'name'], { unique: true })
export class Instructor {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The appointing organisation: the root of the instructor record's data scope. */
  @Index('idx_instructor_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

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

  /** The console account (role INSTRUCTOR), when the instructor signs in. */
  @Index('idx_instructor_user')
  @Column({ name: 'user_id', type: 'bigint', unsigned: true, nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User> | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  title!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_instructor_deleted_at')
  deletedAt!: Date | null;
}

/** An instructor's charge of one branch over a period (toOn null: still assigned). */
@Entity('instructor_assignment')
@Index('uq_instructor_assignment', ['instructorId', 'organizationId', 'fromOn'], { unique: true })
export class InstructorAssignment {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_instructor_assignment_instructor')
  @Column({ name: 'instructor_id', type: 'bigint', unsigned: true })
  instructorId!: string;

  @ManyToOne(() => Instructor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instructor_id' })
  instructor?: Relation<Instructor>;

  /** The branch guided. */
  @Index('idx_instructor_assignment_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_instructor_assignment_from_on')
  @Column({ name: 'from_on', type: 'date' })
  fromOn!: string;

  @Index('idx_instructor_assignment_to_on')
  @Column({ name: 'to_on', type: 'date', nullable: true })
  toOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
