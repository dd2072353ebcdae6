import type { QuerySchema } from '@/utils/route-query';
import type { Community } from './api';

export const FILTER_SCHEMA = {
  search: { kind: 'string' },
  brandType: { kind: 'string' },
} satisfies QuerySchema;

/** The brand types in use, most common first, for the type filter. */
export function brandTypes(communities: readonly Pick<Community, 'brandType'>[]): string[] {
  const counts = new Map<string, number>();
  for (const community of communities) {
    if (community.brandType) counts.set(community.brandType, (counts.get(community.brandType) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([type]) => type);
}

/** A few warm colours that tell the brands apart on the cards (stable per brand type). */
const ACCENTS = ['#b3261e', '#c77700', '#27702b', '#1d5fa8', '#7b3fa0', '#0f7a7a', '#a8412a', '#5b6b1f', '#8c2f5c'];

export function accentOf(brandType: string | null): string {
  if (!brandType) return '#8c9095';
  let hash = 0;
  for (const char of brandType) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return ACCENTS[hash % ACCENTS.length];
}
