// One upstream member record as the product writes it (packages/domain sync/members.ts): id card
// and phone encrypted, the keyed look-up hash, the masked copies. The benchmarks load and compare
// with rows made this way, so that their baselines do the product's per-row work.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../infra/scripts/services.mjs';

const domain = await import(pathToFileURL(join(ROOT, 'packages/domain/dist/index.js')).href);

/** The values in the order of the member columns both benchmarks insert. */
export function memberRow(record, localId, organizationId, cipher, deleted = false) {
  const idCard = domain.normalizeIdCardNumber(record.idCardNumber);
  const phone = record.phone?.trim() || null;
  return [
    localId,
    record.id,
    1,
    record.name,
    record.gender,
    record.ethnicity || '汉族',
    record.birthDate,
    cipher.encrypt(idCard),
    cipher.lookupHash(idCard),
    domain.maskIdCardNumber(idCard),
    phone ? cipher.encrypt(phone) : null,
    phone ? domain.maskPhone(phone) : null,
    record.education,
    record.status,
    record.joinedOn,
    record.fullMemberOn ?? null,
    organizationId,
    record.duesPaidThrough ?? null,
    JSON.stringify(record.flags ?? []),
    deleted ? '2026-06-30 09:00:00.000' : null,
  ];
}
