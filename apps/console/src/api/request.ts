import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { runtimeConfig } from '@/config/runtime';
import { ApiError, describeError, errorFromGraphQL, type GraphQLErrorItem, type Translate } from './errors';

/**
 * The one way the console talks to the gateway: POST a GraphQL document, with the access token and
 * the reader's language. Errors become an ApiError (thrown) and, unless the caller handles them,
 * one Chinese message on screen. Field problems travel on the ApiError to the form that asked.
 */

export interface RequestContext {
  token: () => string | null;
  locale: () => string;
  translate: Translate;
  /** The session is gone (expired, revoked, user disabled): sign in again. */
  onUnauthenticated: () => void;
  /** Renews an access token about to end, before a request goes out. */
  beforeRequest?: () => Promise<void>;
  /** Renews the tokens after the server refused one; true when the request may be sent again. */
  refresh?: () => Promise<boolean>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Show nothing; the caller reports the error itself. */
  silent?: boolean;
  /**
   * The caller shows field problems at its form items: when the error has any, no message pops up.
   */
  fieldsHandled?: boolean;
  /** A sign-in attempt: a refusal is not an expired session. */
  anonymous?: boolean;
  /** Do not renew the tokens for this request (the renewal itself, signing out). */
  noRefresh?: boolean;
}

let context: RequestContext | undefined;

export function configureRequest(value: RequestContext): void {
  context = value;
}

function requireContext(): RequestContext {
  if (!context) throw new Error('configureRequest() must run before the first request');
  return context;
}

/** Several parallel requests may all find the session gone; say so and redirect once. */
let signingOut = false;

export function resetSignOutGuard(): void {
  signingOut = false;
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<T> {
  const ctx = requireContext();
  try {
    if (!options.anonymous && !options.noRefresh) await ctx.beforeRequest?.();
    try {
      return await send<T>(ctx, query, variables, options);
    } catch (error) {
      // A token revoked or ended early: renew once and send again before giving up the session.
      const retry = error instanceof ApiError && error.code === 'UNAUTHENTICATED' && !options.anonymous && !options.noRefresh;
      if (retry && (await ctx.refresh?.())) return await send<T>(ctx, query, variables, options);
      throw error;
    }
  } catch (error) {
    // A request the page cancelled (a newer one replaced it) is nobody's failure.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const apiError = error instanceof ApiError ? error : new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error));
    report(ctx, apiError, options);
    throw apiError;
  }
}

async function send<T>(ctx: RequestContext, query: string, variables: Record<string, unknown>, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
    'Accept-Language': ctx.locale(),
  };
  const token = options.anonymous ? null : ctx.token();
  if (token) headers.Authorization = `Bearer ${token}`;

  const response = await fetch(runtimeConfig().graphqlUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: options.signal,
    credentials: 'same-origin',
  });

  let body: { data?: T | null; errors?: GraphQLErrorItem[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) throw errorFromGraphQL(body.errors, response.status);
  if (!response.ok || !body?.data) {
    // 502–504 come from a proxy whose gateway is down or slow: for the person, the server is unreachable.
    const code =
      response.status === 401
        ? 'UNAUTHENTICATED'
        : response.status === 429
          ? 'RATE_LIMITED'
          : response.status >= 502 && response.status <= 504
            ? 'NETWORK_ERROR'
            : response.status >= 500
              ? 'INTERNAL_SERVER_ERROR'
              : 'NETWORK_ERROR';
    throw new ApiError(code, `HTTP ${response.status}`, undefined, [], {}, response.status);
  }
  return body.data;
}

function report(ctx: RequestContext, error: ApiError, options: RequestOptions): void {
  // Signing out or renewing with a dead token is not news: the session ends either way.
  if (error.code === 'UNAUTHENTICATED' && !options.anonymous && !options.noRefresh) {
    if (signingOut) return;
    signingOut = true;
    ElMessage({ type: 'warning', message: ctx.translate('errors.sessionExpired'), grouping: true });
    ctx.onUnauthenticated();
    return;
  }
  if (options.silent) return;
  if (options.fieldsHandled && error.fields.length > 0) return;
  ElMessage({ type: 'error', message: describeError(error, ctx.translate, ctx.locale()), grouping: true, showClose: true });
}
