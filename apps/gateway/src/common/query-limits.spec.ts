import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureDocument } from './query-limits.js';

const lists = new Set(['children', 'seats', 'nodes']);
const measure = (query: string) => measureDocument(parse(query), (_parent, field) => lists.has(field.name.value));

describe('measureDocument', () => {
  it('counts depth through fragments, ignoring introspection fields', () => {
    expect(measure('{ me { id } }').depth).toBe(2);
    expect(measure('query { members { nodes { ...M } } } fragment M on Member { organization { name } }').depth).toBe(4);
    expect(measure('{ __schema { types { fields { type { ofType { name } } } } } }').depth).toBe(0);
  });

  it('prices a list by its page size, a connection\'s nodes by the connection, other lists by ten', () => {
    // members(first: 100): 1 + 100 × (nodes: 1 + (name 1 + organization (1 + name 1)))
    expect(measure('{ members(first: 100) { nodes { name organization { name } } } }').cost).toBe(1 + 100 * (1 + 1 + 1 + 1));
    // children without `first`: ten of them.
    expect(measure('{ organization(id: 1) { children { name } } }').cost).toBe(1 + (1 + 10 * 1));
    // A page size in a variable is priced at the largest page.
    expect(measure('query ($n: Int) { members(first: $n) { totalCount } }').cost).toBe(1 + 100 * 1);
  });

  it('counts aliases across the document, each fragment once', () => {
    expect(measure('{ a: me { id } b: me { id } ...F } fragment F on Query { c: me { id } }').aliases).toBe(3);
  });

  it('does not loop on a fragment cycle (graphql reports the cycle itself)', () => {
    const result = measure('{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }');
    expect(result.depth).toBe(2);
  });
});
