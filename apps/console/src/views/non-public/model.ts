import type { OrganizationCategory } from '@/api/types';

// The vocabulary of the non-public area, without any I/O (shared by the API layer and pure logic).

export const UNIT_CATEGORIES = ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'STATE_OWNED_ENTERPRISE', 'PUBLIC_INSTITUTION', 'OTHER'] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

export const GUIDANCE_ITEMS = ['RELATION_TRANSFER', 'ARCHIVE_MANAGEMENT', 'RULES_POSTED', 'ORGANIZATIONAL_LIFE'] as const;
export type GuidanceItem = (typeof GUIDANCE_ITEMS)[number];

export const GUIDANCE_ITEM_STATES = ['GOOD', 'NEEDS_IMPROVEMENT', 'NOT_DONE'] as const;
export type GuidanceItemState = (typeof GUIDANCE_ITEM_STATES)[number];

export const GUIDANCE_METHODS = ['VISIT', 'PHONE', 'ONLINE', 'TRAINING'] as const;
export type GuidanceMethod = (typeof GUIDANCE_METHODS)[number];

/** The organisations an instructor may guide (the domain's GUIDED_ORGANIZATION_CATEGORIES). */
export const GUIDED_CATEGORIES: OrganizationCategory[] = ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'BUILDING'];
