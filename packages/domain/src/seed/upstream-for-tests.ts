import type { DataSource } from 'typeorm';
import type { PiiCipher } from '../crypto/pii-cipher.js';
import { demoSubdistrict } from '../demo/index.js';
import { Member } from '../entities/member.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { maskIdCardNumber, maskPhone } from '../rules/index.js';

/**
 * FOR TESTS ONLY. Writes the demo subdistrict's organisations and members straight into the
 * database, as the nightly sync would after reading them from the upstream system, so that the
 * seed and the overview can be tested without running the simulator and the worker. The product
 * never calls this: in a running installation these rows come from the sync.
 */
export async function insertUpstreamDemoForTests(
  dataSource: DataSource,
  cipher: PiiCipher,
): Promise<{ organizationCount: number; memberCount: number }> {
  const demo = demoSubdistrict();
  return dataSource.transaction(async (manager) => {
    const organizations = manager.getRepository(Organization);
    const localId = new Map<string, { id: string; path: string; depth: number }>();
    // Parents first: repeat over the records still waiting until every parent is in place.
    let waiting = [...demo.organizations];
    while (waiting.length) {
      const next: typeof waiting = [];
      for (const record of waiting) {
        const parent = record.parentId ? localId.get(record.parentId) : null;
        if (record.parentId && !parent) {
          next.push(record);
          continue;
        }
        const saved = await organizations.save(
          organizations.create({
            upstreamId: record.id,
            upstreamVersion: 1,
            name: record.name,
            type: record.type,
            category: record.category,
            parentId: parent?.id ?? null,
            path: '/',
            depth: parent ? parent.depth + 1 : 0,
            establishedOn: record.establishedOn,
            unitCreditCodes: record.unitCreditCodes,
          }),
        );
        const path = `${parent?.path ?? '/'}${saved.id}/`;
        await organizations.update(saved.id, { path });
        localId.set(record.id, { id: saved.id, path, depth: saved.depth });
      }
      if (next.length === waiting.length)
        throw new Error('demo organisations refer to parents that do not exist');
      waiting = next;
    }
    const rows = demo.members
      .filter((member) => localId.has(member.organizationId))
      .map((member) => ({
        upstreamId: member.id,
        upstreamVersion: 1,
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        birthDate: member.birthDate,
        idCardCipher: cipher.encrypt(member.idCardNumber),
        idCardHash: cipher.lookupHash(member.idCardNumber),
        idCardMasked: maskIdCardNumber(member.idCardNumber),
        phoneCipher: member.phone ? cipher.encrypt(member.phone) : null,
        phoneMasked: member.phone ? maskPhone(member.phone) : null,
        education: member.education,
        status: member.status,
        joinedOn: member.joinedOn,
        fullMemberOn: member.fullMemberOn,
        organizationId: localId.get(member.organizationId)!.id,
        duesPaidThrough: member.duesPaidThrough,
        flags: member.flags,
      }));
    for (let start = 0; start < rows.length; start += 500) {
      await manager.getRepository(Member).insert(rows.slice(start, start + 500));
    }
    return { organizationCount: localId.size, memberCount: rows.length };
  });
}
