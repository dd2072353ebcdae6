import { gql, type RequestOptions } from './request';
import type { Connection, SyncCollection, SyncRun } from './types';

const RUN = 'id status full startedAt finishedAt progress fetchedCount appliedCount skippedCount quarantinedCount conflictCount error';

export function listSyncRuns(first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<SyncRun>> {
  return gql<{ syncRuns: Connection<SyncRun> }>(
    `query SyncRuns($first: Int, $after: String) {
      syncRuns(first: $first, after: $after) { nodes { ${RUN} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { first, after },
    options,
  ).then((data) => data.syncRuns);
}

export function requestSync(collections: SyncCollection[], full: boolean, options: RequestOptions = {}): Promise<SyncRun> {
  return gql<{ requestSync: SyncRun }>(
    `mutation RequestSync($collections: [SyncCollection!], $full: Boolean) {
      requestSync(collections: $collections, full: $full) { ${RUN} }
    }`,
    { collections, full },
    options,
  ).then((data) => data.requestSync);
}
