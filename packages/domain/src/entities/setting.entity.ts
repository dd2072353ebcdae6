import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from './columns.js';

/**
 * A local value of a rule (letter validity days, meeting frequencies, area per household…).
 * Absent keys take the documented default from the settings catalogue in rules/.
 */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  key!: string;

  @Column({ type: 'json' })
  value!: unknown;

  @Column({ name: 'updated_by', type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  @UpdatedAt()
  updatedAt!: Date;
}
