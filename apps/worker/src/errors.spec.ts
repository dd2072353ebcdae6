import { describe, expect, it } from 'vitest';
import { describeSyncFailure, isPermanentUpstreamFailure } from './errors.js';

const upstream = (status: number, code: string, retryable: boolean) =>
  Object.assign(new Error(`upstream said ${code}`), { status, code, retryable, details: {} });

describe('sync failure reasons', () => {
  it('says upstream is down, and where, after transient failures', () => {
    const reason = describeSyncFailure(
      upstream(503, 'UNAVAILABLE', true),
      'http://sync:secret@upstream.example:4100',
    );
    expect(reason).toMatch(/^上级组织系统不可用/);
    expect(reason).toContain('HTTP 503');
    expect(reason).not.toContain('secret');
    expect(describeSyncFailure(upstream(0, 'NETWORK', true), 'http://upstream.example')).toContain(
      'no connection',
    );
  });

  it('names UPSTREAM_TOKEN when upstream refuses it, and treats it as permanent', () => {
    const error = upstream(401, 'UNAUTHORIZED', false);
    expect(describeSyncFailure(error, 'http://upstream.example')).toContain('UPSTREAM_TOKEN');
    expect(isPermanentUpstreamFailure(error)).toBe(true);
    expect(isPermanentUpstreamFailure(upstream(503, 'UNAVAILABLE', true))).toBe(false);
    expect(isPermanentUpstreamFailure(upstream(410, 'CURSOR_EXPIRED', false))).toBe(false);
  });

  it('describes a database failure through the variable to fix', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(describeSyncFailure(error, 'http://upstream.example')).toContain('DATABASE_URL');
  });
});
