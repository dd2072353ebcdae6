import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contact details an organisation prints on the 组织关系介绍信 it issues: contact person,
 * phone and postal address (all optional; a letter leaves the blanks to be filled by hand).
 */
export class OrganizationContact1795689734512 implements MigrationInterface {
  name = 'OrganizationContact1795689734512';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `organization` ADD `contact_person` varchar(50) NULL');
    await queryRunner.query('ALTER TABLE `organization` ADD `contact_phone` varchar(30) NULL');
    await queryRunner.query('ALTER TABLE `organization` ADD `contact_address` varchar(200) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `contact_address`');
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `contact_phone`');
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `contact_person`');
  }
}
