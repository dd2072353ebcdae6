import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Permission } from '@dangjian/domain';
import type { Request } from 'express';
import type { GqlContext } from './context.js';
import { requestInfo, type RequestInfo } from './principal.js';

export const ACCESS_RULE = 'dangjian:access';

/** Who may call a query, mutation or route. Anything without a rule is refused. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'permissions'; permissions: readonly Permission[] };

/** Needs every listed permission (from the role's row in ROLE_PERMISSIONS, or an API key's). */
export const Allow = (...permissions: Permission[]) =>
  SetMetadata<string, AccessRule>(ACCESS_RULE, { kind: 'permissions', permissions });

/** Open to anyone (signing in). */
export const Public = () => SetMetadata<string, AccessRule>(ACCESS_RULE, { kind: 'public' });

/** Any signed-in console user (not an API key): their own account. */
export const SignedIn = () => SetMetadata<string, AccessRule>(ACCESS_RULE, { kind: 'user' });

/** The request's information (id, address, principal), in GraphQL resolvers and HTTP routes alike. */
export function requestInfoOf(context: ExecutionContext): RequestInfo {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GqlContext>().info;
  }
  return requestInfo(context.switchToHttp().getRequest<Request>());
}

/** The per-request GraphQL context (principal, loaders). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): GqlContext => {
  return GqlExecutionContext.create(context).getContext<GqlContext>();
});
