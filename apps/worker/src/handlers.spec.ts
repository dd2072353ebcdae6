import { JOB_QUEUES, JobName, QueueName } from '@dangjian/domain';
import { describe, expect, it } from 'vitest';
import { HandlerTableError, JOB_HANDLERS, handlerTable, jobNamesOf } from './handlers.js';

describe('handler table', () => {
  it('has exactly one handler for every job name', () => {
    const table = handlerTable();
    expect([...table.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('refuses to boot when a job name has no handler', () => {
    const without = JOB_HANDLERS.filter((registration) => registration.name !== JobName.PushOutbox);
    expect(() => handlerTable(without)).toThrow(HandlerTableError);
    expect(() => handlerTable(without)).toThrow(/push-outbox/);
  });

  it('refuses to boot when a job name has two handlers', () => {
    const twice = [...JOB_HANDLERS, { name: JobName.NightlySync, handle: async () => undefined }];
    expect(() => handlerTable(twice)).toThrow(/more than one handler: nightly-sync/);
  });

  it('routes each queue to the jobs it carries', () => {
    expect(jobNamesOf(QueueName.Scheduler)).toEqual([JobName.NightlySync]);
    expect(jobNamesOf(QueueName.SyncMembers)).toEqual([JobName.SyncMembers]);
    for (const name of Object.values(JobName)) expect(jobNamesOf(JOB_QUEUES[name])).toContain(name);
  });
});
