export const ROOT: string;
export function ensureServices(options?: { quiet?: boolean }): Promise<{ DATABASE_URL: string; REDIS_URL: string }>;
