import { ApiClient } from './api-client.entity.js';
import { AuditLog } from './audit-log.entity.js';
import { Member } from './member.entity.js';
import { Organization } from './organization.entity.js';
import { Setting } from './setting.entity.js';
import { OutboxEntry, QuarantinedRecord, SyncConflict, SyncCursor, SyncRun } from './sync.entities.js';
import { Transfer } from './transfer.entity.js';
import { User } from './user.entity.js';
import { WORK_ENTITIES } from './daily-work/index.js';

export * from './api-client.entity.js';
export * from './audit-log.entity.js';
export * from './member.entity.js';
export * from './organization.entity.js';
export * from './setting.entity.js';
export * from './sync.entities.js';
export * from './transfer.entity.js';
export * from './user.entity.js';
export * from './daily-work/index.js';

/** The core: the organisation tree, people, transfers, access and sync bookkeeping. */
export const CORE_ENTITIES = [
  Organization,
  Member,
  Transfer,
  User,
  ApiClient,
  AuditLog,
  Setting,
  SyncRun,
  SyncCursor,
  QuarantinedRecord,
  OutboxEntry,
  SyncConflict,
];

/** Every entity of the platform, in one list for the data sources. */
export const ENTITIES = [...CORE_ENTITIES, ...WORK_ENTITIES];
