import { reactive, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { parseQuery, toQuery, type QuerySchema, type QueryValues } from '@/utils/route-query';

/**
 * A list's filters, kept in the URL query. `apply()` writes the form to the URL; `onChange` runs
 * for every change of the URL while this page is shown (apply, back/forward, a tab click).
 */
export function useQueryFilters<S extends QuerySchema>(schema: S, onChange: () => void) {
  const route = useRoute();
  const router = useRouter();
  const routeName = route.name;
  const filters = reactive(parseQuery(route.query, schema)) as QueryValues<S>;

  watch(
    () => route.query,
    (query) => {
      if (route.name !== routeName) return;
      Object.assign(filters, parseQuery(query, schema));
      onChange();
    },
  );

  async function apply(): Promise<void> {
    const query = toQuery(filters, schema);
    const same = JSON.stringify(query) === JSON.stringify(toQuery(parseQuery(route.query, schema), schema));
    // Same filters: the URL does not change, so reload directly (the "查询" button still refreshes).
    if (same) onChange();
    else await router.replace({ query });
  }

  async function reset(): Promise<void> {
    Object.assign(filters, parseQuery({}, schema));
    await apply();
  }

  return { filters, apply, reset };
}
