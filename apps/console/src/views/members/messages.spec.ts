import { describe, expect, it } from 'vitest';
import { buildingsMenuMessages } from '@/router/modules/buildings';
import { nonPublicMenuMessages } from '@/router/modules/non-public';
import { organizationMessages } from '@/views/organizations/messages';
import { memberMessages } from './messages';

// Texts kept beside their views (members, organisations) or their routes (menu titles), checked like
// the catalogues in locales/modules.
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(catalogue: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

describe.each([
  ['members', memberMessages],
  ['organizations', organizationMessages],
  ['non-public menu', nonPublicMenuMessages],
  ['buildings menu', buildingsMenuMessages],
])('%s texts', (_, messages) => {
  it('has exactly the same keys in en-US as in zh-CN, none empty, none vue-i18n syntax', () => {
    expect(keys(messages['en-US']).sort()).toEqual(keys(messages['zh-CN']).sort());
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of keys(messages[locale])) {
        const value = String(lookup(messages[locale], key));
        expect(value, key).not.toBe('');
        expect(value, key).not.toMatch(/[@|$]/);
      }
    }
  });
});
