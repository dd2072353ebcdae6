import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SyncCollection, SyncRunRecord, SyncRunStatus } from '@dangjian/domain';
import { SyncCollectionEnum, SyncRunStatusEnum } from '../common/enums.js';
import { PageInfo } from '../common/pagination.types.js';
import { DateTimeScalar } from '../common/scalars.js';

@ObjectType({ description: '一次同步中一个数据集的进度' })
export class SyncCollectionProgress {
  @Field(() => SyncCollectionEnum)
  collection!: SyncCollection;

  @Field(() => SyncRunStatusEnum)
  status!: SyncRunStatus;

  @Field(() => Float, { description: '0..1' })
  progress!: number;

  @Field(() => Int)
  fetchedCount!: number;

  @Field(() => Int)
  appliedCount!: number;

  @Field(() => Int)
  skippedCount!: number;

  @Field(() => Int)
  quarantinedCount!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType({ description: '一次与上级组织系统的数据同步' })
export class SyncRun {
  @Field(() => ID)
  id!: string;

  @Field(() => SyncRunStatusEnum)
  status!: SyncRunStatus;

  @Field(() => Boolean)
  full!: boolean;

  @Field(() => String, { description: 'NIGHTLY（每晚）、MANUAL（控制台发起）或 CLI' })
  trigger!: string;

  @Field(() => String, { nullable: true })
  requestedBy!: string | null;

  @Field(() => [SyncCollectionEnum])
  collections!: SyncCollection[];

  @Field(() => [SyncCollectionProgress])
  details!: SyncCollectionProgress[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Float, { description: '0..1' })
  progress!: number;

  @Field(() => Int)
  fetchedCount!: number;

  @Field(() => Int)
  appliedCount!: number;

  @Field(() => Int, { description: '版本较旧或重复而跳过的记录' })
  skippedCount!: number;

  @Field(() => Int)
  quarantinedCount!: number;

  @Field(() => Int)
  conflictCount!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

export function toSyncRunNode(record: SyncRunRecord): SyncRun {
  return {
    ...record,
    details: record.collections.map((collection) => {
      const detail = record.details[collection];
      return {
        collection,
        status: detail?.status ?? 'QUEUED',
        progress: detail?.progress ?? 0,
        fetchedCount: detail?.fetched ?? 0,
        appliedCount: detail?.applied ?? 0,
        skippedCount: detail?.skipped ?? 0,
        quarantinedCount: detail?.quarantined ?? 0,
        error: detail?.error ?? null,
      };
    }),
  };
}

@ObjectType()
export class SyncRunConnection {
  @Field(() => [SyncRun])
  nodes!: SyncRun[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
