import type { Actor, DataScope, Queryable } from '@dangjian/domain';
import type { Request } from 'express';
import type { TtlCountCache } from './count-cache.js';
import { createLoaders, type Loaders } from './loaders.js';
import { actorOf, requestInfo, scopeOf, type Principal, type RequestInfo } from './principal.js';

/** The GraphQL context of one request. */
export interface GqlContext {
  req: Request;
  /** X-Request-Id: on every log line of the request and in the jobs it enqueues. */
  requestId: string;
  info: RequestInfo;
  principal: Principal;
  scope: DataScope;
  actor: Actor;
  loaders: Loaders;
  /** The process's remembered totals, for the lists that count through it. */
  counts?: TtlCountCache;
}

export function createGqlContext(req: Request, db: () => Queryable, counts?: TtlCountCache): GqlContext {
  const info = requestInfo(req);
  const scope = scopeOf(info.principal);
  return {
    req,
    requestId: info.requestId,
    info,
    principal: info.principal,
    scope,
    actor: actorOf(info),
    loaders: createLoaders(db, scope, counts),
    ...(counts ? { counts } : {}),
  };
}
