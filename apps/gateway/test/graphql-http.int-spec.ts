import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from './support/harness.js';

/** The GraphQL-over-HTTP audit suite of the graphql-http package, against the running gateway. */
describe('GraphQL over HTTP', () => {
  let gw: Gateway;

  beforeAll(async () => {
    gw = await startGateway('graphql_http');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('passes every MUST item of the audit', async () => {
    const audits = serverAudits({ url: `${gw.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    let musts = 0;
    for (const audit of audits) {
      if (!audit.name.startsWith('MUST')) continue;
      musts += 1;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(musts).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
