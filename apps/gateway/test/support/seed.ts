import {
  createUserRecord,
  FULL_SCOPE,
  idCardCheckCharacter,
  maskIdCardNumber,
  maskPhone,
  PiiCipher,
  SYSTEM_ACTOR,
  type OrganizationCategory,
  type OrganizationType,
  type Role,
  type TransferDirection,
  type TransferKind,
  type TransferStatus,
} from '@dangjian/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher.js';

export interface SeededOrganization {
  id: string;
  path: string;
  name: string;
  upstreamId: string | null;
}

export interface SeededMember {
  id: string;
  name: string;
  idCardNumber: string;
  phone: string;
  organizationId: string;
  upstreamId: string | null;
}

let sequence = 0;

/** A valid 18-digit id card number (GB 11643 check character) for a birth date. */
export function idCardFor(birthDate: string, district = '410102'): string {
  sequence += 1;
  const first17 = `${district}${birthDate.replace(/-/g, '')}${String(100 + (sequence % 900)).padStart(3, '0')}`;
  return first17 + idCardCheckCharacter(first17);
}

/**
 * Writes what the sync and the seed would: organisations with their materialised paths, members
 * with encrypted personal data, transfers, users. Test data only, straight into the database.
 */
export class Seeder {
  readonly cipher: PiiCipher;

  constructor(
    readonly dataSource: DataSource,
    piiKey: string,
  ) {
    this.cipher = new PiiCipher(piiKey);
  }

  async organization(input: {
    name: string;
    type?: OrganizationType;
    category?: OrganizationCategory;
    parent?: SeededOrganization | null;
    upstreamId?: string | null;
  }): Promise<SeededOrganization> {
    const result = (await this.dataSource.query(
      'INSERT INTO organization (upstream_id, name, type, category, parent_id, path, depth) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        input.upstreamId ?? null,
        input.name,
        input.type ?? 'BRANCH',
        input.category ?? 'COMMUNITY',
        input.parent?.id ?? null,
        '/pending/',
        input.parent ? input.parent.path.split('/').filter(Boolean).length : 0,
      ],
    )) as { insertId: number };
    const id = String(result.insertId);
    const path = `${input.parent?.path ?? '/'}${id}/`;
    await this.dataSource.query('UPDATE organization SET path = ? WHERE id = ?', [path, id]);
    return { id, path, name: input.name, upstreamId: input.upstreamId ?? null };
  }

  async member(input: {
    name: string;
    organization: SeededOrganization;
    status?: 'FULL' | 'PROBATIONARY';
    gender?: 'MALE' | 'FEMALE';
    birthDate?: string;
    education?: string;
    phone?: string;
    upstreamId?: string | null;
    joinedOn?: string;
  }): Promise<SeededMember> {
    const birthDate = input.birthDate ?? '1985-06-15';
    const idCardNumber = idCardFor(birthDate);
    const phone = input.phone ?? `139${String(10_000_000 + sequence * 7919).slice(-8)}`;
    const result = (await this.dataSource.query(
      `INSERT INTO member (upstream_id, name, gender, birth_date, id_card_cipher, id_card_hash, id_card_masked,
         phone_cipher, phone_masked, education, status, joined_on, full_member_on, organization_id, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')`,
      [
        input.upstreamId === undefined ? `M${Date.now()}${sequence}` : input.upstreamId,
        input.name,
        input.gender ?? 'MALE',
        birthDate,
        this.cipher.encrypt(idCardNumber),
        this.cipher.lookupHash(idCardNumber),
        maskIdCardNumber(idCardNumber),
        this.cipher.encrypt(phone),
        maskPhone(phone),
        input.education ?? 'UNDERGRADUATE',
        input.status ?? 'FULL',
        input.joinedOn ?? '2010-07-01',
        (input.status ?? 'FULL') === 'FULL' ? '2011-07-01' : null,
        input.organization.id,
      ],
    )) as { insertId: number };
    sequence += 1;
    const [row] = (await this.dataSource.query('SELECT upstream_id AS u FROM member WHERE id = ?', [result.insertId])) as Array<{
      u: string | null;
    }>;
    return {
      id: String(result.insertId),
      name: input.name,
      idCardNumber,
      phone,
      organizationId: input.organization.id,
      upstreamId: row?.u ?? null,
    };
  }

  async transfer(input: {
    organization: SeededOrganization;
    member?: SeededMember | null;
    memberName?: string;
    direction?: TransferDirection;
    kind?: TransferKind;
    status?: TransferStatus;
    toOrganizationName?: string;
    fromOrganizationName?: string;
    letterIssuedOn?: string | null;
    letterExpiresOn?: string | null;
    receivedOn?: string | null;
    receiptOn?: string | null;
    syncState?: string;
    upstreamId?: string | null;
  }): Promise<string> {
    const direction = input.direction ?? 'OUTGOING';
    const result = (await this.dataSource.query(
      `INSERT INTO transfer (upstream_id, member_id, member_name, direction, kind, status, organization_id,
         from_organization_name, to_organization_name, reason, letter_issued_on, letter_valid_days, letter_expires_on,
         received_on, receipt_on, history, sync_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
      [
        input.upstreamId ?? `T${Date.now()}${(sequence += 1)}`,
        input.member?.id ?? null,
        input.memberName ?? input.member?.name ?? '某党员',
        direction,
        input.kind ?? 'WITHIN_SYSTEM',
        input.status ?? 'PENDING_APPROVAL',
        input.organization.id,
        input.fromOrganizationName ?? (direction === 'OUTGOING' ? input.organization.name : '外地某党支部'),
        input.toOrganizationName ?? (direction === 'OUTGOING' ? '外地某党支部' : input.organization.name),
        '工作调动',
        input.letterIssuedOn ?? null,
        input.letterExpiresOn ? 30 : null,
        input.letterExpiresOn ?? null,
        input.receivedOn ?? null,
        input.receiptOn ?? null,
        input.syncState ?? 'SYNCED',
      ],
    )) as { insertId: number };
    return String(result.insertId);
  }

  async user(username: string, password: string, role: Role, organization?: SeededOrganization | null): Promise<string> {
    const user = await createUserRecord(this.dataSource, FULL_SCOPE, SYSTEM_ACTOR, {
      username,
      password,
      passwordHash: await hashPassword(password),
      role,
      organizationId: organization?.id ?? null,
    });
    return user.id;
  }

  /** An instructor record for a user, assigned to branches from a day (default long ago) on. */
  async instructor(userId: string, appointedBy: SeededOrganization, branches: SeededOrganization[], fromOn = '2020-01-01') {
    const result = (await this.dataSource.query(
      'INSERT INTO instructor (organization_id, name, user_id) VALUES (?, ?, ?)',
      [appointedBy.id, `指导员${userId}`, userId],
    )) as { insertId: number };
    for (const branch of branches) {
      await this.dataSource.query('INSERT INTO instructor_assignment (instructor_id, organization_id, from_on) VALUES (?, ?, ?)', [
        result.insertId,
        branch.id,
        fromOn,
      ]);
    }
  }

  /** A building station worked by the given users, covering one building with its branch and enterprises. */
  async station(input: {
    name: string;
    under: SeededOrganization;
    staffUserIds: string[];
    community: SeededOrganization;
    buildingBranch: SeededOrganization;
    enterpriseOrganizations: SeededOrganization[];
  }) {
    const station = (await this.dataSource.query(
      'INSERT INTO building_station (name, organization_id, staff_user_ids) VALUES (?, ?, ?)',
      [input.name, input.under.id, JSON.stringify(input.staffUserIds)],
    )) as { insertId: number };
    const building = (await this.dataSource.query(
      'INSERT INTO building (name, community_organization_id, branch_organization_id, station_id) VALUES (?, ?, ?, ?)',
      [`${input.name}大厦`, input.community.id, input.buildingBranch.id, station.insertId],
    )) as { insertId: number };
    let n = 0;
    for (const organization of input.enterpriseOrganizations) {
      n += 1;
      await this.dataSource.query(
        "INSERT INTO unit (category, name, organization_id, building_id, community_organization_id) VALUES ('NON_PUBLIC_ENTERPRISE', ?, ?, ?, ?)",
        [`${input.name}企业${n}`, organization.id, building.insertId, input.community.id],
      );
    }
  }
}
