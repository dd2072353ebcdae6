import { loadConfig } from '@dangjian/config';
import { describe, expect, it } from 'vitest';
import { appConfigScript } from './console.js';

describe('appConfigScript', () => {
  it('gives the console its GraphQL address and cannot close its own script element', () => {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), PII_ENCRYPTION_KEY: 'a'.repeat(64), TZ: 'Asia/Shanghai</script>' });
    const script = appConfigScript(config);
    expect(script).toMatch(/^window\.__DANGJIAN_CONFIG__ = \{"graphqlUrl":"\/graphql"/);
    expect(script).not.toContain('</script>');
  });
});
