import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from '../columns.js';
import { Organization } from '../organization.entity.js';

/**
 * 楼宇党建指导站: the station that serves the enterprises of one or more buildings (solves their
 * problems, receives members whose employer has no organisation).
 */
@Entity('building_station')
export class BuildingStation {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_building_station_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The organisation the station works under (its data scope root). */
  @Index('idx_building_station_organization')
  @Column({ name: 'organization_id', type: 'bigint', unsigned: true })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'head_name', type: 'varchar', length: 50, nullable: true })
  headName!: string | null;

  /** Users (role STATION_STAFF) who work the station. */
  @Column({ name: 'staff_user_ids', type: 'json' })
  staffUserIds!: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_building_station_deleted_at')
  deletedAt!: Date | null;
}

/** 楼宇: a commercial office building with its enterprises (units with this buildingId). */
@Entity('building')
export class Building {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index('uq_building_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Index('idx_building_community_organization')
  @Column({ name: 'community_organization_id', type: 'bigint', unsigned: true })
  communityOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_organization_id' })
  communityOrganization?: Relation<Organization>;

  /** The building's Party branch (楼宇党支部), when it has one. */
  @Index('idx_building_branch_organization')
  @Column({ name: 'branch_organization_id', type: 'bigint', unsigned: true, nullable: true })
  branchOrganizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_organization_id' })
  branchOrganization?: Relation<Organization> | null;

  /** The station that covers the building. */
  @Index('idx_building_station')
  @Column({ name: 'station_id', type: 'bigint', unsigned: true, nullable: true })
  stationId!: string | null;

  @ManyToOne(() => BuildingStation, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'station_id' })
  station?: Relation<BuildingStation> | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  floors!: number | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  @DeletedAt('idx_building_deleted_at')
  deletedAt!: Date | null;
}
