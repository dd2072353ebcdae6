// The simulator as the sync benchmark drives it: started as a child process on a free port, and
// changed upstream through its administration endpoints (PUT /admin/records/{collection},
// DELETE /admin/records/{collection}/{id}) before an incremental sync.
import http from 'node:http';

/**
 * The changes an incremental sync must bring in: `total` records spread evenly over the
 * population, most of them members renamed with a new phone (so the phone is encrypted again),
 * some members deleted upstream (tombstones) and some transfers with a new reason.
 */
export function changePlan(population, total) {
  const deletions = Math.round(total * 0.05);
  const transfers = Math.min(population.transferCount, Math.round(total * 0.05));
  const renames = total - deletions - transfers;
  const memberStride = Math.max(1, Math.floor(population.memberCount / (renames + deletions)));
  const transferStride = Math.max(1, Math.floor(population.transferCount / Math.max(1, transfers)));
  const plan = [];
  for (let i = 0; i < renames + deletions; i++) {
    const id = population.memberIdAt((i * memberStride) % population.memberCount);
    if (i < renames) {
      plan.push({
        method: 'PUT',
        path: '/admin/records/members',
        body: { id, name: `改名${i}`, phone: `139${String(i).padStart(8, '0')}` },
      });
    } else {
      plan.push({ method: 'DELETE', path: `/admin/records/members/${id}` });
    }
  }
  for (let i = 0; i < transfers; i++) {
    const id = population.transferIdAt((i * transferStride) % population.transferCount);
    plan.push({ method: 'PUT', path: '/admin/records/transfers', body: { id, reason: `变更${i}` } });
  }
  return { plan, renames, deletions, transfers };
}

/** Sends every change, `concurrency` at a time over kept-alive connections; rejects on the first failure. */
export async function applyChanges(baseUrl, token, plan, concurrency = 16) {
  const target = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = ({ method, path, body }) =>
    new Promise((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const request = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path,
          method,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode === 200) resolve();
            else
              reject(
                new Error(
                  `${method} ${path}: HTTP ${response.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`,
                ),
              );
          });
        },
      );
      request.on('error', reject);
      if (payload) request.write(payload);
      request.end();
    });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < plan.length) await send(plan[next++]);
      }),
    );
  } finally {
    agent.destroy();
  }
}
