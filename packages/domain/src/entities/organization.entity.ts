import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DeletedAt, UpdatedAt } from './columns.js';

export const ORGANIZATION_TYPES = [
  'WORKING_COMMITTEE',
  'PARTY_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
  'JOINT_BRANCH',
  'PARTY_GROUP',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_CATEGORIES = [
  'SUBDISTRICT',
  'COMMUNITY',
  'NON_PUBLIC_ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'BUILDING',
  'OTHER',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

/**
 * 党组织: one node of the Party-organisation tree. `path` is a materialised path of ancestor ids
 * ("/1/4/17/"), so a subtree (the data scope of a user) is one indexed prefix match.
 */
@Entity('organization')
export class Organization {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The upstream organisation code (12–15 digits); null for organisations created locally. */
  @Index('uq_organization_upstream_id', { unique: true })
  @Column({ name: 'upstream_id', type: 'varchar', length: 20, nullable: true })
  upstreamId!: string | null;

  /** The upstream record version last applied; a record is applied only if its version is newer. */
  @Column({ name: 'upstream_version', type: 'int', unsigned: true, nullable: true })
  upstreamVersion!: number | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('idx_organization_type')
  @Column({ type: 'varchar', length: 24 })
  type!: OrganizationType;

  @Index('idx_organization_category')
  @Column({ type: 'varchar', length: 24 })
  category!: OrganizationCategory;

  @Index('idx_organization_parent')
  @Column({ name: 'parent_id', type: 'bigint', unsigned: true, nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Organization> | null;

  /** Ancestor ids and its own, "/1/4/17/": `path LIKE '/1/4/%'` is the subtree of 4. */
  @Index('idx_organization_path')
  @Column({ type: 'varchar', length: 512, charset: 'ascii', collation: 'ascii_bin' })
  path!: string;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  depth!: number;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn!: string | null;

  /** Credit codes of the units this organisation is set up in (a joint branch covers several). */
  @Column({ name: 'unit_credit_codes', type: 'json', nullable: true })
  unitCreditCodes!: string[] | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  // The organisation's own contact details, printed on the 组织关系介绍信 it issues (the national
  // template asks for the issuing committee's address and phone). Kept here, not synced: the
  // upstream system does not carry them, and the upstream sync writes only its own columns.
  /** 联系人 */
  @Column({ name: 'contact_person', type: 'varchar', length: 50, nullable: true })
  contactPerson!: string | null;

  /** 联系电话 (an office line, e.g. 0371-66661234). */
  @Column({ name: 'contact_phone', type: 'varchar', length: 30, nullable: true })
  contactPhone!: string | null;

  /** 通讯地址 */
  @Column({ name: 'contact_address', type: 'varchar', length: 200, nullable: true })
  contactAddress!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  /** An organisation dissolved upstream is soft-deleted and keeps its history. */
  @DeletedAt('idx_organization_deleted_at')
  deletedAt!: Date | null;
}
