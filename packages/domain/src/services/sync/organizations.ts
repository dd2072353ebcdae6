import type { EntityManager } from 'typeorm';
import type { OrganizationCategory, OrganizationType } from '../../entities/organization.entity.js';
import type { UpstreamOrganizationRecord } from '../../demo/records.js';
import {
  emptyOutcome,
  isTombstone,
  newestById,
  type BatchOutcome,
  type OrganizationItem,
  type QuarantineItem,
  type Versioned,
} from './records.js';
import { caseUpdate, chunks, guardedUpsert, isNewer, json, keyedUpdate, type ExistingRow } from './sql.js';

type LiveOrganization = UpstreamOrganizationRecord & Versioned;

export interface OrganizationSyncContext {
  /** The upstream code of this deployment's root (UPSTREAM_ROOT_ORG); its parent lies outside the scope. */
  rootUpstreamId: string;
}

export interface OrganizationApplyResult extends BatchOutcome {
  quarantinedItems: QuarantineItem[];
}

export interface TreeNode {
  id: string;
  parentId: string | null;
}

/**
 * The materialised path ("/1/4/17/") and depth (ancestors above it; a root is 0) of every node.
 * A node whose parent is missing counts as a root; nodes caught in a cycle are rooted at
 * themselves rather than lost.
 */
export function computeTreePaths(nodes: readonly TreeNode[]): Map<string, { path: string; depth: number }> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of nodes) {
    if (node.parentId && byId.has(node.parentId) && node.parentId !== node.id) {
      const list = children.get(node.parentId) ?? [];
      list.push(node.id);
      children.set(node.parentId, list);
    } else {
      roots.push(node.id);
    }
  }
  const out = new Map<string, { path: string; depth: number }>();
  const walk = (start: string, path: string, depth: number) => {
    const stack: Array<[string, string, number]> = [[start, path, depth]];
    while (stack.length) {
      const [id, nodePath, nodeDepth] = stack.pop() as [string, string, number];
      if (out.has(id)) continue;
      out.set(id, { path: nodePath, depth: nodeDepth });
      for (const child of children.get(id) ?? []) stack.push([child, `${nodePath}${child}/`, nodeDepth + 1]);
    }
  };
  for (const root of roots) walk(root, `/${root}/`, 0);
  for (const node of nodes) if (!out.has(node.id)) walk(node.id, `/${node.id}/`, 0);
  return out;
}

/**
 * Orders incoming organisations so that a parent comes before its children (levels), and finds
 * the ones whose parent chain loops back to them.
 */
export function levelsByParent<T extends { id: string; parentId: string | null }>(
  records: readonly T[],
): { levels: T[][]; cyclic: T[] } {
  const byId = new Map(records.map((record) => [record.id, record]));
  const level = new Map<string, number>();
  const cyclic = new Set<string>();
  for (const record of records) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: T | undefined = record;
    while (current && !level.has(current.id) && !cyclic.has(current.id)) {
      if (onChain.has(current.id)) {
        for (const id of chain.slice(chain.indexOf(current.id))) cyclic.add(id);
        break;
      }
      chain.push(current.id);
      onChain.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = chain[i] as string;
      if (level.has(id) || cyclic.has(id)) continue;
      const parentId = byId.get(id)?.parentId;
      if (parentId && cyclic.has(parentId)) {
        cyclic.add(id);
        continue;
      }
      level.set(id, parentId && level.has(parentId) ? (level.get(parentId) as number) + 1 : 0);
    }
  }
  const levels: T[][] = [];
  for (const record of records) {
    const at = level.get(record.id);
    if (at === undefined) continue;
    (levels[at] ??= []).push(record);
  }
  return { levels: levels.filter(Boolean), cyclic: records.filter((record) => cyclic.has(record.id)) };
}

interface LocalOrganization extends ExistingRow {
  parentId: string | null;
}

async function loadLocalOrganizations(manager: EntityManager): Promise<Map<string, LocalOrganization>> {
  const rows = (await manager.query(
    'SELECT `id`, `upstream_id`, `upstream_version`, `parent_id`, `deleted_at` FROM `organization` WHERE `upstream_id` IS NOT NULL',
  )) as Array<Record<string, unknown>>;
  const map = new Map<string, LocalOrganization>();
  for (const row of rows) {
    map.set(String(row.upstream_id), {
      id: String(row.id),
      upstreamId: String(row.upstream_id),
      version: row.upstream_version === null ? null : Number(row.upstream_version),
      deleted: row.deleted_at !== null,
      parentId: row.parent_id === null ? null : String(row.parent_id),
    });
  }
  return map;
}

const COLUMNS = [
  'upstream_id',
  'upstream_version',
  'name',
  'type',
  'category',
  'parent_id',
  'path',
  'depth',
  'established_on',
  'unit_credit_codes',
  'deleted_at',
] as const;

/**
 * Applies organisations (records and tombstones) in the caller's transaction: only versions newer
 * than the stored ones, parents before children so that `parentId` resolves from the upstream code,
 * one multi-row upsert per level and chunk, then `path` and `depth` recomputed where they changed
 * (a new node, or a subtree that moved). A record whose parent is unknown is quarantined.
 */
export async function applyOrganizations(
  manager: EntityManager,
  items: readonly OrganizationItem[],
  context: OrganizationSyncContext,
): Promise<OrganizationApplyResult> {
  const outcome: OrganizationApplyResult = { ...emptyOutcome(), quarantinedItems: [] };
  const newest = newestById(items);
  outcome.skipped += items.length - newest.length;
  const local = await loadLocalOrganizations(manager);

  const live: LiveOrganization[] = [];
  const tombstones: Array<{ row: LocalOrganization; version: number }> = [];
  for (const item of newest) {
    const existing = local.get(item.id);
    if (!isNewer(item.version, existing)) {
      outcome.skipped++;
    } else if (isTombstone(item)) {
      if (existing) tombstones.push({ row: existing, version: item.version });
      else outcome.skipped++;
    } else {
      live.push(item as LiveOrganization);
    }
  }

  const quarantineRecord = (record: LiveOrganization, reason: string) => {
    outcome.quarantinedItems.push({ id: record.id, reason, payload: record });
  };
  const isTopLevel = (record: LiveOrganization) => record.id === context.rootUpstreamId || !record.parentId;
  const { levels, cyclic } = levelsByParent(
    live.map((record) => ({ ...record, parentId: isTopLevel(record) ? null : record.parentId })),
  );
  for (const record of cyclic)
    quarantineRecord(
      record,
      `上级组织关系成环（${record.id} → ${record.parentId}），未能确定其在组织树中的位置`,
    );

  // Local ids of every upstream code, kept current as levels are written.
  const localIds = new Map<string, string>([...local.values()].map((row) => [row.upstreamId, row.id]));
  const parentOfLocal = new Map<string, string | null>(
    [...local.values()].map((row) => [row.id, row.parentId]),
  );
  const wouldLoop = (selfLocalId: string | undefined, parentLocalId: string) => {
    if (!selfLocalId) return false;
    let cursor: string | null | undefined = parentLocalId;
    for (let hops = 0; cursor && hops < 1000; hops++) {
      if (cursor === selfLocalId) return true;
      cursor = parentOfLocal.get(cursor);
    }
    return false;
  };

  for (const level of levels) {
    const rows: unknown[][] = [];
    const written: LiveOrganization[] = [];
    for (const record of level) {
      let parentLocalId: string | null = null;
      if (record.parentId) {
        parentLocalId = localIds.get(record.parentId) ?? null;
        if (!parentLocalId) {
          quarantineRecord(record, `上级组织 ${record.parentId} 不在本地组织树中，无法确定其位置`);
          continue;
        }
        if (wouldLoop(localIds.get(record.id), parentLocalId)) {
          quarantineRecord(
            record,
            `上级组织关系成环（${record.id} → ${record.parentId}），未能确定其在组织树中的位置`,
          );
          continue;
        }
      }
      written.push(record);
      rows.push([
        record.id,
        record.version,
        record.name,
        record.type satisfies OrganizationType,
        record.category satisfies OrganizationCategory,
        parentLocalId,
        '',
        0,
        record.establishedOn ?? null,
        json(record.unitCreditCodes ?? []),
        null,
      ]);
      const selfLocalId = localIds.get(record.id);
      if (selfLocalId) parentOfLocal.set(selfLocalId, parentLocalId);
    }
    for (const part of chunks(rows, 1000)) {
      const { sql, params } = guardedUpsert('organization', COLUMNS, part, { keep: ['path', 'depth'] });
      await manager.query(sql, params);
    }
    // New rows got their ids from the insert: learn them for the next level's parents.
    for (const part of chunks(
      written.filter((record) => !localIds.has(record.id)).map((record) => record.id),
      1000,
    )) {
      const found = (await manager.query(
        `SELECT \`id\`, \`upstream_id\`, \`parent_id\` FROM \`organization\` WHERE \`upstream_id\` IN (${part.map(() => '?').join(', ')})`,
        part,
      )) as Array<{ id: string | number; upstream_id: string; parent_id: string | number | null }>;
      for (const row of found) {
        localIds.set(row.upstream_id, String(row.id));
        parentOfLocal.set(String(row.id), row.parent_id === null ? null : String(row.parent_id));
      }
    }
    outcome.applied += written.length;
  }

  for (const part of chunks(tombstones, 1000)) {
    const { sql, params } = caseUpdate(
      'organization',
      part.map((entry) => entry.row.id),
      { upstream_version: part.map((entry) => entry.version) },
      ['`deleted_at` = COALESCE(`deleted_at`, CURRENT_TIMESTAMP(3))'],
    );
    await manager.query(sql, params);
  }
  outcome.applied += tombstones.length;
  outcome.quarantined = outcome.quarantinedItems.length;

  if (outcome.applied > 0) await recomputeOrganizationPaths(manager);
  return outcome;
}

/**
 * Brings every organisation's `path` and `depth` in line with its `parent_id`, writing only the
 * rows that differ. The tree of a subdistrict or district is small enough to hold in memory.
 */
export async function recomputeOrganizationPaths(manager: EntityManager): Promise<number> {
  const rows = (await manager.query(
    'SELECT `id`, `parent_id`, `path`, `depth` FROM `organization`',
  )) as Array<{
    id: string | number;
    parent_id: string | number | null;
    path: string;
    depth: number;
  }>;
  const computed = computeTreePaths(
    rows.map((row) => ({
      id: String(row.id),
      parentId: row.parent_id === null ? null : String(row.parent_id),
    })),
  );
  const changed = rows.filter((row) => {
    const want = computed.get(String(row.id));
    return want && (want.path !== row.path || want.depth !== Number(row.depth));
  });
  for (const part of chunks(changed, 1000)) {
    const ids = part.map((row) => String(row.id));
    const { sql, params } = keyedUpdate('organization', ids, {
      path: ids.map((id) => computed.get(id)?.path),
      depth: ids.map((id) => computed.get(id)?.depth),
    });
    await manager.query(sql, params);
  }
  return changed.length;
}

/** Upstream code → local id of every organisation that came from upstream (soft-deleted included). */
export async function organizationIdsByUpstreamId(manager: EntityManager): Promise<Map<string, string>> {
  const rows = (await manager.query(
    'SELECT `id`, `upstream_id` FROM `organization` WHERE `upstream_id` IS NOT NULL',
  )) as Array<{
    id: string | number;
    upstream_id: string;
  }>;
  return new Map(rows.map((row) => [row.upstream_id, String(row.id)]));
}
