import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';

/** A monthly ranking the organisation received, e.g. 全市精细化管理月评比. */
@Entity('evaluation')
@Index('uq_evaluation_org_name_month', ['organizationId', 'name', 'month'], { unique: true })
export class Evaluation {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_evaluation_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** YYYY-MM */
  @Index('idx_evaluation_month')
  @Column({ type: 'char', length: 7, charset: 'ascii', collation: 'ascii_bin' })
  month!: string;

  @Column({ type: 'smallint', unsigned: true })
  rank!: number;

  /** How many were ranked, when known. */
  @Column({ name: 'ranked_count', type: 'smallint', unsigned: true, nullable: true })
  rankedCount!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
