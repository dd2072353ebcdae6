import type { ValueTransformer } from 'typeorm';

/**
 * mysql2 returns BIGINT and DECIMAL as strings (supportBigNumbers/bigNumberStrings) so that ids never
 * lose precision; amounts of money in fen and areas in m² stay far below 2^53, so they are numbers
 * in code.
 */
export const numberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
