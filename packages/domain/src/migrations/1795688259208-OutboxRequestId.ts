import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway request that wrote an outbox entry. The entry is pushed later by the worker's
 * outbox poll, not by the request itself, so the row is what carries the id to the push job.
 */
export class OutboxRequestId1795688259208 implements MigrationInterface {
  name = 'OutboxRequestId1795688259208';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `outbox_entry` ADD `request_id` varchar(64) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `outbox_entry` DROP COLUMN `request_id`');
  }
}
