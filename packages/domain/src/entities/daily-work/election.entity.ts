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
import { CreatedAt, UpdatedAt } from '../columns.js';
import { Member } from '../member.entity.js';
import { Organization } from '../organization.entity.js';

export const SEAT_ROLES = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];
export const SEAT_ROLE_LABELS: Record<SeatRole, string> = {
  SECRETARY: '书记',
  DEPUTY_SECRETARY: '副书记',
  COMMITTEE_MEMBER: '委员',
};

/** 换届: one election of an organisation's committee; the seats are its result. */
@Entity('election')
@Index('uq_election_org_elected_on', ['organizationId', 'electedOn'], { unique: true })
export class Election {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_election_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_election_elected_on')
  @Column({ name: 'elected_on', type: 'date' })
  electedOn!: string;

  @Column({ name: 'term_years', type: 'tinyint', unsigned: true })
  termYears!: number;

  /** electedOn + termYears, stored so "terms ending soon" is an indexed filter. */
  @Index('idx_election_term_ends_on')
  @Column({ name: 'term_ends_on', type: 'date' })
  termEndsOn!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @OneToMany(() => CommitteeSeat, (seat) => seat.election)
  seats?: Relation<CommitteeSeat[]>;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

/** 班子成员: one seat of an elected committee. */
@Entity('committee_seat')
@Index('uq_committee_seat_election_member', ['electionId', 'memberId'], { unique: true })
export class CommitteeSeat {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_committee_seat_election')
  @Column({ name: 'election_id', type: 'bigint', unsigned: true })
  electionId!: string;

  @ManyToOne(() => Election, (election) => election.seats, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id' })
  election?: Relation<Election>;

  @Index('idx_committee_seat_member')
  @Column({ name: 'member_id', type: 'bigint', unsigned: true })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @Index('idx_committee_seat_role')
  @Column({ type: 'varchar', length: 20 })
  role!: SeatRole;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @CreatedAt()
  createdAt!: Date;
}
