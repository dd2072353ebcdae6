import { expect } from 'vitest';
import type { GraphQLResult } from './harness.js';

/** The result failed with this extensions.code (and, when given, this reason). */
export function expectError<T>(result: GraphQLResult<T>, code: string, reason?: string) {
  expect(result.errors, `expected ${code}, got data ${JSON.stringify(result.data)}`).toBeDefined();
  const error = result.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
  if (reason) expect(error?.extensions?.reason, JSON.stringify(result.errors)).toBe(reason);
  // Every message a person reads is Chinese, and none shows SQL or a stack.
  expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(result.errors)).not.toMatch(/SELECT |INSERT |\bat .*\.(ts|js):\d+/);
  return error!;
}

export function expectOk<T>(result: GraphQLResult<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}
