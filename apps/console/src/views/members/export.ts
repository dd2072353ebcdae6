import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { ApiError, describeError, errorFromGraphQL, type GraphQLErrorItem } from '@/api/errors';
import { runtimeConfig } from '@/config/runtime';
import { currentLocale, translate } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import { exportQuery, fileNameFrom as fileNameFromHeader, type ExportParams } from './export-query';

export { exportQuery, fileNameFrom, type ExportParams } from './export-query';

/**
 * Spreadsheets come from the gateway's HTTP routes (/export/…, /import/…), which check the same
 * bearer token, permission and data scope as GraphQL. A plain link cannot carry the token, so the
 * file is fetched here and handed to the browser as a download. Shared by every list of the console
 * that exports.
 */

/** `/export` → `/import`: both route families sit side by side on the gateway. */
export function importUrl(path: string): string {
  const base = runtimeConfig().exportUrl.replace(/\/?export\/?$/, '');
  return `${base}/import/${path.replace(/^\//, '')}`;
}

function exportUrl(path: string): string {
  return `${runtimeConfig().exportUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

/** A fetch with the session's token, renewed once if the server no longer accepts it. */
async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const auth = useAuthStore();
  const send = () =>
    fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: { ...(init.headers ?? {}), 'Accept-Language': currentLocale(), ...(auth.accessToken ? { Authorization: `Bearer ${auth.accessToken}` } : {}) },
    });
  await auth.ensureFresh();
  let response = await send();
  if (response.status === 401 && (await auth.refresh())) response = await send();
  return response;
}

/** The API's error out of a failed HTTP route ({errors: [...]}, as GraphQL). */
async function errorOf(response: Response): Promise<ApiError> {
  let body: { errors?: GraphQLErrorItem[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) return errorFromGraphQL(body.errors, response.status);
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNKNOWN';
  return new ApiError(code, `HTTP ${response.status}`, undefined, [], {}, response.status);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started; the object URL is no longer needed once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads `/export/<path>` with the list's filters. Resolves with the saved file's name; on a
 * refusal says why on screen and rejects.
 */
export async function downloadExport(path: string, params: ExportParams, fallbackName: string): Promise<string> {
  try {
    const response = await authorizedFetch(`${exportUrl(path)}${exportQuery(params)}`);
    if (!response.ok) throw await errorOf(response);
    const name = fileNameFromHeader(response.headers.get('Content-Disposition'), fallbackName);
    save(await response.blob(), name);
    return name;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError('NETWORK_ERROR', String(error));
    ElMessage({ type: 'error', message: describeError(apiError, translate, currentLocale()), grouping: true, showClose: true });
    throw apiError;
  }
}

/** POSTs a file's bytes to `/import/<path>` and returns the JSON answer; errors are thrown as ApiError. */
export async function uploadImport<T>(path: string, query: ExportParams, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(`${importUrl(path)}${exportQuery(query)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: file,
    });
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', String(error));
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
