import { Core1795675732014 } from './1795675732014-Core.js';
import { Work1795676154529 } from './1795676154529-Work.js';
import { OutboxRequestId1795688259208 } from './1795688259208-OutboxRequestId.js';
import { OrganizationContact1795689734512 } from './1795689734512-OrganizationContact.js';
import { TransferWorkListIndexes1796000000000 } from './1796000000000-TransferWorkListIndexes.js';

// Every migration, in order. A new one is generated against a migrated database with
// `pnpm --filter @dangjian/domain migration:generate Name`, read and tidied, then listed here.
export const MIGRATIONS: Array<new () => unknown> = [
  Core1795675732014,
  Work1795676154529,
  OutboxRequestId1795688259208,
  OrganizationContact1795689734512,
  TransferWorkListIndexes1796000000000,
];
