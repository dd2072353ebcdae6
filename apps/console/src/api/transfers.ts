import { gql, type RequestOptions } from './request';
import { TRANSFER_STATUSES, type Connection, type Transfer, type TransferFilter, type TransferStatus } from './types';

export function listTransfers(filter: TransferFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Transfer>> {
  return gql<{ transfers: Connection<Transfer> }>(
    `query Transfers($filter: TransferFilter, $first: Int, $after: String) {
      transfers(filter: $filter, first: $first, after: $after) {
        nodes {
          id upstreamId memberName direction kind status fromOrganizationName toOrganizationName reason
          letterNumber letterIssuedOn letterExpiresOn receivedOn receiptOn syncState
        }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.transfers);
}

/** How many transfers are in each status: one request, one aliased count per status. */
export function countTransfersByStatus(options: RequestOptions = {}): Promise<Record<TransferStatus, number>> {
  const fields = TRANSFER_STATUSES.map((status) => `${status}: transfers(filter: { status: [${status}] }, first: 1) { totalCount }`).join('\n');
  return gql<Record<TransferStatus, { totalCount: number }>>(`query TransferCountsByStatus {\n${fields}\n}`, {}, options).then(
    (data) => Object.fromEntries(TRANSFER_STATUSES.map((status) => [status, data[status]?.totalCount ?? 0])) as Record<TransferStatus, number>,
  );
}
