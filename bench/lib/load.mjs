// A constant-arrival-rate load generator: requests start on a fixed schedule whatever the server's
// speed (open model), so a slow server shows up as latency rather than as a lower request rate.
// Latencies are measured from the scheduled start, which avoids coordinated omission.
import http from 'node:http';

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/**
 * Sends `rate` requests per second for `seconds` to `url` with `body` (a function of the request
 * number, or a string), at most `maxInFlight` at once. Returns latency percentiles in ms.
 */
export async function constantRate({ url, method = 'POST', headers = {}, body, rate, seconds, maxInFlight = 256, check }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const total = Math.round(rate * seconds);
  const latencies = [];
  let errors = 0;
  let inFlight = 0;
  let dropped = 0;
  const firstError = [];
  const start = performance.now();
  const one = (i, scheduled) =>
    new Promise((done) => {
      const payload = typeof body === 'function' ? body(i) : body;
      const req = http.request(
        { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method, agent, headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const ok = res.statusCode === 200 && (!check || check(text));
            if (!ok) {
              errors++;
              if (firstError.length < 3) firstError.push(`${res.statusCode} ${text.slice(0, 300)}`);
            }
            latencies.push(performance.now() - scheduled);
            done();
          });
        },
      );
      req.on('error', (error) => {
        errors++;
        if (firstError.length < 3) firstError.push(error.message);
        done();
      });
      if (payload) req.write(payload);
      req.end();
    });
  const pending = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      dropped++;
      continue;
    }
    inFlight++;
    pending.push(one(i, scheduled).then(() => inFlight--));
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    completed: latencies.length,
    errors,
    dropped,
    achievedRate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    firstError,
  };
}

export function fmt(ms) {
  return Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a';
}

/** Prints rows as an aligned table. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const row of rows) console.log(row.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
}
