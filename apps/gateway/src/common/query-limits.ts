import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { QueryLimits } from '../gateway-options.js';

/** The assumed length of a list field without `first` (organisation children, seats…). */
const UNBOUNDED_LIST_FACTOR = 10;
/** `first` given as a variable is priced at the largest page, since validation runs before variables are known. */
const VARIABLE_PAGE_FACTOR = 100;

interface Measure {
  depth: number;
  cost: number;
}

function firstArgument(field: FieldNode): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return null;
  return pageFactor(arg.value);
}

function pageFactor(value: ValueNode): number {
  if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
  if (value.kind === Kind.VARIABLE) return VARIABLE_PAGE_FACTOR;
  return 1;
}

/**
 * Depth, cost and alias count of a document, fragments expanded (introspection fields are not
 * counted: introspection is off in production and its own query is deep by nature).
 * A field costs 1 plus its selection; a field with `first` multiplies its selection by it, and a
 * list-returning field without it by 10 — so `members(first: 100) { nodes { organization { … } } }`
 * is priced at the hundred organisations it may load.
 */
export function measureDocument(
  document: DocumentNode,
  isListField: (parentType: string | null, field: FieldNode) => boolean = () => false,
): { depth: number; cost: number; aliases: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  const countAliases = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        countAliases(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        countAliases(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        countAliases(fragments.get(name)?.selectionSet, seen);
      }
    }
  };

  const measure = (set: SelectionSetNode | undefined, visiting: Set<string>): Measure => {
    let depth = 0;
    let cost = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const inner = measure(selection.selectionSet, visiting);
        const first = firstArgument(selection);
        // A connection's `nodes` are already priced by the connection's `first`.
        const listed = selection.name.value !== 'nodes' && selection.selectionSet && isListField(null, selection);
        const factor = first ?? (listed ? UNBOUNDED_LIST_FACTOR : 1);
        depth = Math.max(depth, 1 + inner.depth);
        cost += 1 + factor * inner.cost;
      } else {
        const fragmentSet =
          selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          // A cycle is reported by graphql's own rule; stop here rather than loop.
          if (visiting.has(selection.name.value)) continue;
          visiting.add(selection.name.value);
        }
        const inner = measure(fragmentSet, visiting);
        if (selection.kind === Kind.FRAGMENT_SPREAD) visiting.delete(selection.name.value);
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth, cost };
  };

  let depth = 0;
  let cost = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const result = measure(definition.selectionSet, new Set());
    depth = Math.max(depth, result.depth);
    cost = Math.max(cost, result.cost);
    countAliases(definition.selectionSet, new Set());
  }
  return { depth, cost, aliases };
}

/**
 * A validation rule that refuses documents beyond the limits before anything runs. The errors
 * carry `extensions.limit`; the error formatter turns them into QUERY_TOO_COMPLEX.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => {
    const listFieldCache = new Map<string, boolean>();
    return {
      Document: {
        enter(document) {
          const schema = context.getSchema();
          const isListField = (_parent: string | null, field: FieldNode) => {
            const name = field.name.value;
            let known = listFieldCache.get(name);
            if (known === undefined) {
              // By name across the schema: a field name that is a list anywhere is priced as one.
              known = Object.values(schema.getTypeMap()).some((type) => {
                if (!('getFields' in type) || type.name.startsWith('__')) return false;
                const f = (type.getFields() as Record<string, { type: unknown }>)[name];
                return f ? String(f.type).includes('[') : false;
              });
              listFieldCache.set(name, known);
            }
            return known;
          };
          const { depth, cost, aliases } = measureDocument(document, isListField);
          if (depth > limits.maxDepth) {
            context.reportError(
              new GraphQLError(`查询嵌套过深：${depth} 层，上限 ${limits.maxDepth} 层`, { extensions: { limit: 'DEPTH' } }),
            );
          }
          if (aliases > limits.maxAliases) {
            context.reportError(
              new GraphQLError(`查询使用的别名过多：${aliases} 个，上限 ${limits.maxAliases} 个`, {
                extensions: { limit: 'ALIASES' },
              }),
            );
          }
          if (cost > limits.maxCost) {
            context.reportError(
              new GraphQLError(`查询过于复杂：估算代价 ${cost}，上限 ${limits.maxCost}；请减少每页条数或嵌套字段`, {
                extensions: { limit: 'COST' },
              }),
            );
          }
          return false;
        },
      },
    };
  };
}

/**
 * The gateway answers queries and mutations over HTTP and offers no subscriptions: a subscription
 * is refused at validation (400, GRAPHQL_VALIDATION_FAILED) rather than failing at execution,
 * where it would look like a fault of the server.
 */
export const noSubscriptionsRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError('本接口不提供订阅（subscription），请使用查询（query）或变更（mutation）', { nodes: [node] }),
    );
  },
});
