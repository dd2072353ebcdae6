// A constant-arrival-rate load of several GraphQL operations in fixed proportions, spread over the
// gateways that are up (as a load balancer would). Latency counts from each request's scheduled
// start, as in load.mjs, so a slow server shows as latency and not as a lower rate. A read that
// fails because its gateway was killed under it is sent again to another one (a balancer retries
// idempotent requests on a connection reset); a mutation is never sent twice: one that got no
// answer was not acknowledged, and the caller is told which were.
import http from 'node:http';
import { percentile } from './load.mjs';

const CONNECTION_LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * `ops`: [{ name, weight, mutation?, request(i) → { query, variables, token? }, acknowledged?(data, request) }].
 * `targets()`: the base URLs to use now (those not being killed). Runs `rate` requests/s for
 * `seconds`; answers per-operation figures and the counts of lost connections.
 */
export async function runMix({
  ops,
  targets,
  token,
  rate,
  seconds,
  maxInFlight = 512,
  timeoutMs = 30_000,
  onSecond,
}) {
  const agents = new Map();
  const agentFor = (base) => {
    if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: true, maxSockets: maxInFlight }));
    return agents.get(base);
  };
  // A string, or a function answering the current one (a long run renews its session).
  const tokenNow = typeof token === 'function' ? token : () => token;
  const totalWeight = ops.reduce((sum, op) => sum + op.weight, 0);
  // A fixed interleaving: request i takes the operation whose share of the cumulative weight it falls in.
  const slots = [];
  for (const op of ops) for (let k = 0; k < op.weight; k++) slots.push(op);
  const stride = 7919; // prime: the slots come round evenly mixed, not in runs of one operation
  const stats = new Map(
    ops.map((op) => [
      op.name,
      { name: op.name, latencies: [], errors: 0, lost: 0, retried: 0, firstErrors: [] },
    ]),
  );
  // The slowest answer of each second of the run (by scheduled send): where the tail came from.
  const slowestBySecond = [];
  let inFlight = 0;
  let dropped = 0;
  let sent = 0;
  let roundRobin = 0;

  const send = (base, payload, auth) =>
    new Promise((resolve) => {
      const target = new URL(`${base}/graphql`);
      const req = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent: agentFor(base),
          headers: {
            'content-type': 'application/json',
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (error) => resolve({ error }));
        },
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })),
      );
      req.on('error', (error) => resolve({ error }));
      req.end(payload);
    });

  const one = async (i, scheduled) => {
    const op = slots[(i * stride) % slots.length];
    const stat = stats.get(op.name);
    const request = op.request(i);
    const payload = JSON.stringify({ query: request.query, variables: request.variables ?? {} });
    const live = targets();
    let base = live[roundRobin++ % live.length];
    let answer = await send(base, payload, request.token ?? tokenNow());
    if (answer.error && CONNECTION_LOST.has(answer.error.code) && !op.mutation) {
      const others = targets().filter((t) => t !== base);
      if (others.length) {
        stat.retried++;
        base = others[0];
        answer = await send(base, payload, request.token ?? tokenNow());
      }
    }
    const latency = performance.now() - scheduled;
    const second = Math.floor((scheduled - start) / 1000);
    slowestBySecond[second] = Math.max(slowestBySecond[second] ?? 0, latency);
    if (answer.error) {
      if (CONNECTION_LOST.has(answer.error.code)) stat.lost++;
      else stat.errors++;
      if (stat.firstErrors.length < 3)
        stat.firstErrors.push(`${answer.error.code ?? ''} ${answer.error.message}`);
      return;
    }
    let body = null;
    try {
      body = JSON.parse(answer.text);
    } catch {
      /* not JSON: counted below */
    }
    if (answer.status !== 200 || !body || body.errors?.length) {
      stat.errors++;
      if (stat.firstErrors.length < 3)
        stat.firstErrors.push(`HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      stat.latencies.push(latency);
      return;
    }
    stat.latencies.push(latency);
    if (op.acknowledged) op.acknowledged(body.data, request);
  };

  const start = performance.now();
  const total = Math.round(rate * seconds);
  const pending = new Set();
  let lastSecond = 0;
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const second = Math.floor((performance.now() - start) / 1000);
    if (onSecond && second !== lastSecond) {
      lastSecond = second;
      onSecond(second);
    }
    if (inFlight >= maxInFlight) {
      dropped++;
      continue;
    }
    inFlight++;
    sent++;
    const p = one(i, scheduled).finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.all([...pending]);
  for (const agent of agents.values()) agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  const perOp = [...stats.values()].map((s) => {
    s.latencies.sort((a, b) => a - b);
    return {
      name: s.name,
      count: s.latencies.length,
      errors: s.errors,
      lost: s.lost,
      retried: s.retried,
      p50: percentile(s.latencies, 50),
      p95: percentile(s.latencies, 95),
      p99: percentile(s.latencies, 99),
      max: s.latencies.at(-1) ?? NaN,
      firstErrors: s.firstErrors,
    };
  });
  const all = [...stats.values()].flatMap((s) => s.latencies).sort((a, b) => a - b);
  return {
    requests: total,
    sent,
    dropped,
    achievedRate: all.length / elapsed,
    errors: perOp.reduce((n, s) => n + s.errors, 0),
    lost: perOp.reduce((n, s) => n + s.lost, 0),
    p99: percentile(all, 99),
    slowestBySecond: Array.from(slowestBySecond, (ms) => Math.round(ms ?? 0)),
    perOp,
    shares: ops.map((op) => [op.name, op.weight / totalWeight]),
  };
}

/** Least-squares slope of y over x (per unit of x). */
export function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : NaN;
}
