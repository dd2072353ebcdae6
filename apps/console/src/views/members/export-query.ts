// How list filters travel to the gateway's HTTP routes, and how its file names come back. No I/O.

export type ExportParams = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** The query string of an export: lists comma-joined, booleans as 1/0, empty values left out. */
export function exportQuery(params: ExportParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(name, value.join(','));
    } else if (typeof value === 'boolean') search.set(name, value ? '1' : '0');
    else search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The file name the server gave (RFC 5987 `filename*` first), or the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}
