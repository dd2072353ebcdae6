import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';
import { ServiceCenter } from './service-center.entity.js';

/** 八大类服务. */
export const SERVICE_CATEGORIES = [
  'POLICY_CONSULTATION',
  'PARTY_AFFAIRS',
  'HARDSHIP_SUPPORT',
  'EDUCATION_TRAINING',
  'VOLUNTEER_SERVICE',
  'DISPUTE_MEDIATION',
  'LEGAL_AID',
  'HEALTH_CARE',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
  POLICY_CONSULTATION: '党务政策咨询',
  PARTY_AFFAIRS: '办理党内业务',
  HARDSHIP_SUPPORT: '帮扶困难党员群众',
  EDUCATION_TRAINING: '党员教育培训',
  VOLUNTEER_SERVICE: '志愿服务对接',
  DISPUTE_MEDIATION: '矛盾纠纷调解',
  LEGAL_AID: '法律咨询援助',
  HEALTH_CARE: '健康义诊',
};

/** One service given at a service centre. */
@Entity('service_record')
@Index('idx_service_record_center_served_on', ['centerId', 'servedOn'])
export class ServiceRecord {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('idx_service_record_center')
  @Column({ name: 'center_id', type: 'bigint', unsigned: true })
  centerId!: string;

  @ManyToOne(() => ServiceCenter, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  center?: Relation<ServiceCenter>;

  /** The centre's organisation, copied so the data scope filters without a second join. */
  @Index('idx_service_record_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('idx_service_record_category')
  @Column({ type: 'varchar', length: 24 })
  category!: ServiceCategory;

  @Index('idx_service_record_served_on')
  @Column({ name: 'served_on', type: 'date' })
  servedOn!: string;

  /** Masked at entry (张*): the record proves the service, not who received it. */
  @Column({ name: 'served_person', type: 'varchar', length: 50, nullable: true })
  servedPerson!: string | null;

  @Column({ name: 'handled_by', type: 'varchar', length: 50, nullable: true })
  handledBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
