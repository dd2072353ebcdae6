import { describe, expect, it } from 'vitest';
import { JOB_POLICY, jobOptions, withPolicy } from './policy.js';
import {
  COLLECTION_JOBS,
  COLLECTION_QUEUES,
  JOB_QUEUES,
  JobName,
  QueueName,
  SYNC_ORDER,
  bullPrefix,
  pushJobId,
  syncJobId,
} from './queues.js';

describe('queue names and job ids', () => {
  it('keeps every key under the configured prefix, with one Cluster hash tag', () => {
    expect(bullPrefix('dangjian')).toBe('dangjian:{dangjian}');
    expect(bullPrefix('dangjian-test:x:1a2b')).toMatch(/^dangjian-test:x:1a2b:\{[^}]+\}$/);
    expect(bullPrefix('dangjian:{custom}')).toBe('dangjian:{custom}');
  });

  it('gives each step of a run one id that BullMQ accepts', () => {
    const run = { id: '42', createdAt: new Date('2026-11-26T02:00:00.123Z') };
    expect(syncJobId(run, 'MEMBERS')).toBe(
      syncJobId({ ...run, createdAt: '2026-11-26T02:00:00.123Z' }, 'MEMBERS'),
    );
    expect(syncJobId(run, 'MEMBERS')).not.toBe(syncJobId(run, 'TRANSFERS'));
    expect(syncJobId(run, 'MEMBERS')).not.toBe(syncJobId({ ...run, id: '43' }, 'MEMBERS'));
    for (const collection of SYNC_ORDER) expect(syncJobId(run, collection)).not.toContain(':');
    const key = '0b6f1d0e-8a4e-4c57-9d55-1f0c2f7f9a11';
    expect(pushJobId(key)).not.toContain(':');
    expect(pushJobId(key)).not.toBe(pushJobId('5c0a7a43-3f0e-4f0d-b1b4-7d2f5a8e6c22'));
  });

  it('never reuses a step id for a run created again after a database reset', () => {
    const before = { id: '1', createdAt: new Date('2026-11-25T18:00:00.000Z') };
    const after = { id: '1', createdAt: new Date('2026-11-26T07:19:41.512Z') };
    expect(syncJobId(before, 'ORGANIZATIONS')).not.toBe(syncJobId(after, 'ORGANIZATIONS'));
  });

  it('routes every job name to exactly one queue, and every collection to its own', () => {
    for (const name of Object.values(JobName)) expect(Object.values(QueueName)).toContain(JOB_QUEUES[name]);
    for (const collection of SYNC_ORDER)
      expect(JOB_QUEUES[COLLECTION_JOBS[collection]]).toBe(COLLECTION_QUEUES[collection]);
    expect(new Set(SYNC_ORDER.map((collection) => COLLECTION_QUEUES[collection])).size).toBe(3);
    expect(SYNC_ORDER).toEqual(['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS']);
  });
});

describe('job policy', () => {
  it('has retries and a dead-letter retention for every job', () => {
    for (const name of Object.values(JobName)) {
      const policy = JOB_POLICY[name];
      expect(policy.attempts).toBeGreaterThan(1);
      expect(policy.removeOnFail.age).toBeGreaterThanOrEqual(30 * 24 * 3600);
    }
  });

  it('turns a policy into BullMQ options with the deterministic id', () => {
    const options = jobOptions(JobName.SyncMembers, 'run-1-members');
    expect(options).toMatchObject({
      jobId: 'run-1-members',
      attempts: JOB_POLICY[JobName.SyncMembers].attempts,
    });
    expect(jobOptions(JobName.NightlySync, undefined)).not.toHaveProperty('jobId');
  });

  it('lets a deployment or a test shorten one entry without touching the others', () => {
    const policy = withPolicy({
      [JobName.PushOutbox]: { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
    });
    expect(policy[JobName.PushOutbox]).toMatchObject({ attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    expect(policy[JobName.PushOutbox].removeOnFail).toEqual(JOB_POLICY[JobName.PushOutbox].removeOnFail);
    expect(policy[JobName.SyncMembers]).toBe(JOB_POLICY[JobName.SyncMembers]);
  });
});
