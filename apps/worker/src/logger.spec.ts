import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'info') {
  const lines: string[] = [];
  const log = createLogger(level, (line) => lines.push(line));
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('worker logger', () => {
  it('writes one JSON line per event with time, level name, service and the fields', () => {
    const { log, lines, parsed } = capture();
    log.info('sync run ended', { runId: '7', status: 'SUCCEEDED' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      service: 'worker',
      msg: 'sync run ended',
      runId: '7',
      status: 'SUCCEEDED',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('keeps to its level and reduces errors to their message', () => {
    const { log, parsed } = capture('warn');
    log.info('not written');
    log.debug('not written either');
    log.warn('job attempt failed', { error: new Error('upstream 503') });
    expect(parsed()).toEqual([expect.objectContaining({ level: 'warn', error: 'upstream 503' })]);
  });

  it("puts a child's bindings on every line, a line's own field winning over a binding", () => {
    const { log, lines, parsed } = capture();
    const job = log.child({
      queue: 'push-outbox',
      jobId: 'push-1',
      jobName: 'push-outbox',
      requestId: 'req-a',
    });
    job.info('outbox entry pushed', { entryId: '3' });
    job.info('outbox entry pushed', { entryId: '4', requestId: 'req-b' });
    expect(parsed()).toEqual([
      expect.objectContaining({ queue: 'push-outbox', jobId: 'push-1', requestId: 'req-a', entryId: '3' }),
      expect.objectContaining({ queue: 'push-outbox', jobId: 'push-1', requestId: 'req-b', entryId: '4' }),
    ]);
    expect(lines[1]?.match(/"requestId"/g)).toHaveLength(1);
  });

  it('never writes credentials or personal data', () => {
    const { log, lines } = capture();
    log.warn('upstream request retried', {
      info: { headers: { authorization: 'Bearer upstream-secret' } },
      member: { phone: '13800138000', idCard: '410102199001011234' },
      token: 'plain-secret',
    });
    const text = lines.join('');
    for (const secret of ['upstream-secret', '13800138000', '410102199001011234', 'plain-secret'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('has a silent logger whose children are silent too', () => {
    expect(silentLogger.child({ queue: 'x' })).toBe(silentLogger);
  });
});
