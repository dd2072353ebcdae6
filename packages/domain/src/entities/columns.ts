import { CreateDateColumn, DeleteDateColumn, Index, UpdateDateColumn } from 'typeorm';

// TypeORM's default for these columns is CURRENT_TIMESTAMP(6), which MySQL and MariaDB refuse
// on a DATETIME(3) column and which makes every generated migration re-alter the column.
/** When the row was created (milliseconds, UTC). */
export const CreatedAt = () =>
  CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
/** When the row last changed (milliseconds, UTC). */
export const UpdatedAt = () =>
  UpdateDateColumn({
    name: 'updated_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
/** Soft delete: history is kept for records removed upstream or retired locally. */
export const DeletedAt = (indexName: string): PropertyDecorator => {
  const column = DeleteDateColumn({ name: 'deleted_at', type: 'datetime', precision: 3 });
  const index = Index(indexName);
  return (target, key) => {
    column(target, key);
    index(target, key);
  };
};
