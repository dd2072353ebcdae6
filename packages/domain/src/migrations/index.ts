import { Core1795675732014 } from './1795675732014-Core.js';

// Every migration, in order. A new one is generated against a migrated database with
// `pnpm --filter @dangjian/domain migration:generate Name`, read and tidied, then listed here.
export const MIGRATIONS: Array<new () => unknown> = [Core1795675732014];
