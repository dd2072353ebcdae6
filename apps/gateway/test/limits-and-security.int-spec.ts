import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from './support/harness.js';

describe('limits and security', () => {
  let gw: Gateway;
  let admin: string;
  let consoleDir: string;

  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'dangjian-console-'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><html lang="zh-CN"><script src="/app-config.js"></script><div id="app"></div></html>');
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'assets', 'index-abc123.js'), 'console.log("console")');
    gw = await startGateway('limits', { consoleDir, throttle: { anonymousRequestsPerMinute: 40 } }, { CORS_ORIGINS: 'https://console.example.cn' });
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('refuses documents nested too deep, with too many aliases or too costly (QUERY_TOO_COMPLEX)', async () => {
    let deep = 'name';
    for (let i = 0; i < 10; i++) deep = `children { ${deep} }`;
    const tooDeep = await gw.gql(`{ organizations { nodes { ${deep} } } }`, {}, { token: admin });
    expect(tooDeep.status).toBe(400);
    expect(expectError(tooDeep, 'QUERY_TOO_COMPLEX').extensions?.limit).toBe('DEPTH');

    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(expectError(await gw.gql(`{ ${aliases} }`, {}, { token: admin }), 'QUERY_TOO_COMPLEX').extensions?.limit).toBe('ALIASES');

    const costly = '{ members(first: 100) { nodes { organization { children { children { children { name } } } } } } }';
    expect(expectError(await gw.gql(costly, {}, { token: admin }), 'QUERY_TOO_COMPLEX').extensions?.limit).toBe('COST');

    // Within the limits the same shapes are fine.
    expectOk(await gw.gql('{ members(first: 100) { nodes { organization { children { name } } } } }', {}, { token: admin }));
  });

  it('refuses a subscription as a bad request, not as a fault of the server', async () => {
    const refused = await gw.gql('subscription { me { id } }', {}, { token: admin });
    expect(refused.status).toBe(400);
    expect(expectError(refused, 'GRAPHQL_VALIDATION_FAILED').message).toContain('不提供订阅');
  });

  it('limits the page size to 100 (BAD_USER_INPUT) and checks cursors', async () => {
    const error = expectError(await gw.gql('{ members(first: 101) { totalCount } }', {}, { token: admin }), 'BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual([expect.objectContaining({ field: 'first' })]);
    expectError(await gw.gql('{ members(after: "garbage") { totalCount } }', {}, { token: admin }), 'BAD_USER_INPUT', 'CURSOR_INVALID');
  });

  it('reports malformed documents and wrong variables in Chinese', async () => {
    const unknown = expectError(await gw.gql('{ members { nope } }', {}, { token: admin }), 'GRAPHQL_VALIDATION_FAILED');
    expect(unknown.message).toMatch(/^查询不符合接口定义/);
    const syntax = expectError(await gw.gql('{ members { ', {}, { token: admin }), 'GRAPHQL_PARSE_FAILED');
    expect(syntax.message).toMatch(/^查询语句有语法错误/);
    const variable = await gw.gql('query ($d: Date) { subdistrictOverview(asOf: $d) { memberCount } }', { d: '2023-02-29' }, { token: admin });
    expect(expectError(variable, 'BAD_USER_INPUT').message).toContain('2023-02-29');
    expect(variable.status).toBe(400);
  });

  it('refuses bodies over 1 MB and malformed JSON', async () => {
    const big = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/请求体过大/);
    const broken = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(broken.status).toBe(400);
  });

  it('limits requests without credentials per client address (429 RATE_LIMITED)', async () => {
    const from = { headers: { 'x-forwarded-for': '198.51.100.9' } };
    for (let i = 0; i < 40; i++) expectOk(await gw.gql('{ __typename }', {}, from));
    const limited = await gw.gql('{ __typename }', {}, from);
    expect(limited.status).toBe(429);
    expectError(limited, 'RATE_LIMITED');
    // Signed-in users and other addresses are not affected.
    expectOk(await gw.gql('{ me { id } }', {}, { token: admin, ...from }));
    expectOk(await gw.gql('{ __typename }', {}, { headers: { 'x-forwarded-for': '198.51.100.10' } }));
  });

  it('exposes Prometheus metrics to the private network', async () => {
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(text).toMatch(/dangjian_gateway_http_request_duration_seconds_bucket\{[^}]*route="graphql"/);
    expect(text).toMatch(/dangjian_gateway_graphql_operations_total\{type="query",outcome="ok"\} \d+/);
    expect(text).toMatch(/dangjian_gateway_graphql_errors_total\{code="QUERY_TOO_COMPLEX"\} \d+/);
    expect(text).toMatch(/dangjian_gateway_rate_limited_total\{kind="anonymous"\} 1/);
    expect(text).toMatch(/dangjian_gateway_database_up 1/);
  });

  it('blocks requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const simple = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(simple.status).toBe(400);
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    const allowed = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    const mutationByGet = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(mutationByGet.status).toBe(405);
  });

  it('sends the security headers, and CORS only to configured origins', async () => {
    for (const path of ['/graphql', '/healthz', '/']) {
      const response = await fetch(`${gw.url}${path}`, { method: path === '/graphql' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: path === '/graphql' ? '{"query":"{ __typename }"}' : undefined });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https?:/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const preflight = (origin: string) =>
      fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const good = await preflight('https://console.example.cn');
    expect(good.status).toBe(204);
    expect(good.headers.get('access-control-allow-origin')).toBe('https://console.example.cn');
    expect(good.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await preflight('https://evil.example.com');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the console, its runtime configuration and client-side routes, but never instead of the API', async () => {
    const index = await fetch(`${gw.url}/`, { headers: { accept: 'text/html' } });
    expect(await index.text()).toContain('<div id="app">');
    const route = await fetch(`${gw.url}/members?status=FULL`, { headers: { accept: 'text/html' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="app">');
    const asset = await fetch(`${gw.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const config = await fetch(`${gw.url}/app-config.js`);
    expect(config.headers.get('content-type')).toContain('javascript');
    const script = await config.text();
    expect(script).toMatch(/^window\.__DANGJIAN_CONFIG__ = /);
    expect(JSON.parse(script.replace(/^window\.__DANGJIAN_CONFIG__ = /, '').replace(/;\s*$/, ''))).toMatchObject({ graphqlUrl: '/graphql' });
    const graphqlPage = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphqlPage.text()).not.toContain('<div id="app">');
    const health = await fetch(`${gw.url}/healthz`, { headers: { accept: 'text/html' } });
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});

describe('in production', () => {
  let gw: Gateway;

  beforeAll(async () => {
    gw = await startGateway('production', {}, { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('turns introspection off and sends HSTS', async () => {
    const result = await gw.gql('{ __schema { queryType { name } } }');
    expectError(result, 'GRAPHQL_VALIDATION_FAILED');
    const response = await fetch(`${gw.url}/healthz`);
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });

  it('answers an internal failure with a bare INTERNAL_SERVER_ERROR: no SQL, no stack', async () => {
    const admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    await gw.db.dataSource.query('DROP TABLE sync_run');
    const result = await gw.gql('{ syncRuns { totalCount } }', {}, { token: admin });
    const error = expectError(result, 'INTERNAL_SERVER_ERROR');
    expect(error.message).toMatch(/^服务器内部错误/);
    expect(JSON.stringify(result.errors)).not.toMatch(/sync_run|ER_NO_SUCH|SELECT|[Ss]tack|\.[jt]s:\d/);
  });
});
