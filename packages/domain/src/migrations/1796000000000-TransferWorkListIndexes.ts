import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the transfer work lists (待办, 未办结, 即将办理) and the overdue filter. Each list is an
 * OR of (status, direction) pairs or of a status with a date; with the status alone indexed, every
 * list read a third of the table and sorted it. The status-only index is a prefix of the first.
 */
export class TransferWorkListIndexes1796000000000 implements MigrationInterface {
  name = 'TransferWorkListIndexes1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `transfer` ADD INDEX `idx_transfer_status_direction` (`status`, `direction`), ADD INDEX `idx_transfer_status_letter` (`status`, `letter_expires_on`), ADD INDEX `idx_transfer_status_receipt` (`status`, `receipt_on`, `received_on`), DROP INDEX `idx_transfer_status`',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `transfer` ADD INDEX `idx_transfer_status` (`status`), DROP INDEX `idx_transfer_status_receipt`, DROP INDEX `idx_transfer_status_letter`, DROP INDEX `idx_transfer_status_direction`',
    );
  }
}
