import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../health/health.controller.js';
import { TtlCountCache } from './count-cache.js';

describe('TtlCountCache', () => {
  it('keeps only large totals, and forgets them all on clear', () => {
    const cache = new TtlCountCache();
    cache.offer('small', 4_999);
    cache.offer('large', 1_000_000);
    expect(cache.get('small')).toBeUndefined();
    expect(cache.get('large')).toBe(1_000_000);
    cache.clear();
    expect(cache.get('large')).toBeUndefined();
  });
});

describe('isPrivateAddress', () => {
  it('accepts loopback and private ranges only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:10.1.2.3', '192.168.0.9', '172.20.0.1', 'fd12:3456::1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '::ffff:1.2.3.4', '2001:db8::1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});
