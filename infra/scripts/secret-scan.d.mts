export interface Finding {
  file: string;
  line: number;
  rule: string;
}
export const RULES: ReadonlyArray<{ name: string; pattern: RegExp }>;
export function looksRandom(value: string): boolean;
export function isPlaceholder(value: string): boolean;
export function scanText(text: string): Array<{ line: number; rule: string }>;
export function scan(dir?: string): { files: number; findings: Finding[] };
