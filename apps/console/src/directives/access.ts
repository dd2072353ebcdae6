import type { Directive, DirectiveBinding } from 'vue';
import { useAuthStore } from '@/stores/auth';
import type { AccessRequirement } from '@/utils/access';

/**
 * `v-access="'REVEAL_PII'"` or `v-access="['DISTRICT_ADMIN']"`: the element is there only for the
 * roles that may use it. Hidden rather than removed, because Vue may later move a removed node
 * back into the page while patching.
 */
function apply(el: HTMLElement, binding: DirectiveBinding<AccessRequirement>): void {
  const allowed = useAuthStore().allowed(binding.value);
  if (allowed) {
    el.style.removeProperty('display');
    el.removeAttribute('hidden');
  } else {
    el.style.setProperty('display', 'none', 'important');
    el.setAttribute('hidden', '');
  }
}

export const vAccess: Directive<HTMLElement, AccessRequirement> = {
  mounted: apply,
  updated: apply,
};
