import { describe, expect, it } from 'vitest';
import { normalizeRuntimeConfig } from './runtime';

describe('runtime config', () => {
  it('uses the gateway’s values', () => {
    expect(
      normalizeRuntimeConfig({ graphqlUrl: 'https://dj.example.internal/api/graphql', exportUrl: '/api/export', title: '某街道', timeZone: 'Asia/Shanghai' }),
    ).toEqual({
      graphqlUrl: 'https://dj.example.internal/api/graphql',
      exportUrl: '/api/export',
      appTitle: '某街道',
      defaultLocale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(normalizeRuntimeConfig({ appTitle: '某街道', defaultLocale: 'en-US' })).toMatchObject({ appTitle: '某街道', defaultLocale: 'en-US' });
  });

  it('falls back per setting when the file is missing or wrong', () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(normalizeRuntimeConfig(undefined)).toEqual({
      graphqlUrl: '/graphql',
      exportUrl: '/export',
      appTitle: '党建工作平台',
      defaultLocale: 'zh-CN',
      timeZone: browserZone,
    });
    expect(normalizeRuntimeConfig({ graphqlUrl: '  ', defaultLocale: 'fr-FR', appTitle: 42, timeZone: 'Mars/Olympus' })).toEqual({
      graphqlUrl: '/graphql',
      exportUrl: '/export',
      appTitle: '党建工作平台',
      defaultLocale: 'zh-CN',
      timeZone: browserZone,
    });
  });
});
