import type { FormItemRule, FormRules } from 'element-plus';
import type { Translate } from '@/api/errors';
import { ROLES, type CreateUserInput, type Role, type UserFilter } from '@/api/types';
import { ruleOf } from '@/utils/form-rules';
import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { validatePassword, validateUsername } from '@/utils/validators';

export const FILTER_SCHEMA = {
  search: { kind: 'string' },
  role: { kind: 'strings', allowed: ROLES },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type UserFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toUserFilter(filters: UserFilters): UserFilter {
  const filter: UserFilter = {};
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.role.length) filter.role = filters.role as Role[];
  return filter;
}

export interface UserForm {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId: string;
}

export function emptyUserForm(): UserForm {
  return { username: '', password: '', displayName: '', role: 'COMMUNITY_ADMIN', organizationId: '' };
}

/** A community admin's data scope is their community: the server refuses one without it. */
export function needsOrganization(role: Role): boolean {
  return role === 'COMMUNITY_ADMIN';
}

export function userRules(t: Translate, form: UserForm): FormRules<UserForm> {
  const organization: FormItemRule = {
    trigger: 'change',
    validator: (_rule, value: string, callback: (error?: Error) => void) =>
      callback(needsOrganization(form.role) && !value ? new Error(t('users.organizationRequired')) : undefined),
  };
  return {
    username: [ruleOf(validateUsername, t, { required: true })],
    password: [ruleOf((value) => validatePassword(value, form.username), t, { required: true })],
    role: [{ required: true, trigger: 'change', message: t('validation.REQUIRED') }],
    organizationId: [organization],
  };
}

export function toCreateUserInput(form: UserForm): CreateUserInput {
  const input: CreateUserInput = { username: form.username.trim(), password: form.password, role: form.role };
  if (form.displayName.trim()) input.displayName = form.displayName.trim();
  if (form.organizationId) input.organizationId = form.organizationId;
  return input;
}

export const ROLE_TAG: Record<Role, 'danger' | 'warning' | 'primary' | 'success' | 'info'> = {
  DISTRICT_ADMIN: 'danger',
  COMMUNITY_ADMIN: 'warning',
  INSTRUCTOR: 'primary',
  STATION_STAFF: 'success',
  VIEWER: 'info',
};
