import type { DataSource, EntityManager } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { Problems } from '../../errors/domain-error.js';
import type { DataScope } from '../access/index.js';
import { writeAudit, type Actor } from '../audit/index.js';
import { checkOptionalText, organizationInScope, text } from '../daily-work/common.js';

/** The issuing organisation's contact details as printed on a 组织关系介绍信. */
export interface LetterContact {
  organizationId: string;
  organizationName: string;
  contactPerson: string | null;
  contactPhone: string | null;
  contactAddress: string | null;
}

export interface LetterContactInput {
  contactPerson?: string | null;
  contactPhone?: string | null;
  contactAddress?: string | null;
}

/** An office line or a mobile: digits with the usual separators, e.g. "0371-66661234", "(0371) 6666 1234". */
const PHONE = /^\+?[0-9(][0-9()\- ]{4,28}[0-9]$/;

function toContact(organization: Organization): LetterContact {
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    contactPerson: organization.contactPerson,
    contactPhone: organization.contactPhone,
    contactAddress: organization.contactAddress,
  };
}

function hasContact(organization: Organization): boolean {
  return Boolean(organization.contactPerson || organization.contactPhone || organization.contactAddress);
}

/**
 * Whose contact details a letter from `organizationId` carries: the organisation's own, or else
 * those of the nearest organisation above it that has some (a branch's letters are usually issued
 * under its Party committee, 基层党委, which keeps the contact line). Null when none on the path has.
 *
 * Ancestors are read whatever the caller's scope: the caller already sees the transfer, and the
 * committee's office phone and address are printed on every letter it issues, not kept private.
 */
export async function letterContactFor(db: DataSource | EntityManager, organizationId: string | null): Promise<LetterContact | null> {
  if (!organizationId) return null;
  const repository = db.getRepository(Organization);
  const own = await repository.findOneBy({ id: organizationId });
  if (!own) return null;
  const ids = own.path.split('/').filter(Boolean);
  const path = await repository
    .createQueryBuilder('o')
    .where('o.id IN (:...ids)', { ids })
    .andWhere('(o.contactPerson IS NOT NULL OR o.contactPhone IS NOT NULL OR o.contactAddress IS NOT NULL)')
    .orderBy('o.depth', 'DESC')
    .getMany();
  const nearest = path.find(hasContact);
  return nearest ? toContact(nearest) : null;
}

/** An organisation's own letter contact details (blank fields null), for editing; NOT_FOUND outside the scope. */
export async function getLetterContact(dataSource: DataSource, scope: DataScope, organizationId: string): Promise<LetterContact> {
  return toContact(await organizationInScope(dataSource.manager, scope, organizationId));
}

/**
 * Sets the contact details an organisation prints on the letters it issues (empty clears a field),
 * audited with the values before and after, in one transaction.
 */
export async function setLetterContact(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  organizationId: string,
  input: LetterContactInput,
): Promise<LetterContact> {
  const problems = new Problems();
  checkOptionalText(problems, 'contactPerson', input.contactPerson, '联系人', 50);
  checkOptionalText(problems, 'contactAddress', input.contactAddress, '通讯地址', 200);
  const phone = text(input.contactPhone);
  if (phone !== null && !PHONE.test(phone))
    problems.add('contactPhone', 'PHONE_INVALID', '联系电话格式不正确，应为数字，可含区号连字符、括号或空格（如 0371-66661234）');
  problems.throwIfAny();
  return dataSource.transaction(async (manager) => {
    const organization = await organizationInScope(manager, scope, organizationId);
    const before = toContact(organization);
    const values = {
      ...(input.contactPerson !== undefined ? { contactPerson: text(input.contactPerson) } : {}),
      ...(input.contactPhone !== undefined ? { contactPhone: phone } : {}),
      ...(input.contactAddress !== undefined ? { contactAddress: text(input.contactAddress) } : {}),
    };
    await manager.getRepository(Organization).update({ id: organization.id }, values);
    const after = { ...before, ...values };
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: 'Organization',
      entityId: organization.id,
      reason: `修改${organization.name}的介绍信联系方式`,
      before: { contactPerson: before.contactPerson, contactPhone: before.contactPhone, contactAddress: before.contactAddress },
      after: { contactPerson: after.contactPerson, contactPhone: after.contactPhone, contactAddress: after.contactAddress },
    });
    return after;
  });
}
