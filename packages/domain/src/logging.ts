// What the gateway's and the worker's JSON logs share: which request ids are taken as they come,
// and which fields are never written.

/** What a client may send as X-Request-Id: short, and nothing a log line or a header could trip on. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether a request id (sent by a client, or carried in a job) can be logged and echoed as it is. */
export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

/**
 * Names of fields that hold a credential or personal data (id card numbers, phones). No line is
 * written with them on purpose; redaction is the net for a header, a body or a payload logged by
 * mistake, in the top three levels of a line and in any request's or response's headers.
 */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'idCard',
  'idCardNumber',
  'phone',
  'mobile',
  'variables',
];

/** pino's `redact.paths` for these keys. */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  return keys.flatMap((key) => {
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    const name = plain ? key : `["${key}"]`;
    const child = plain ? `.${key}` : name;
    return [name, `*${child}`, `*.*${child}`, `req.headers${child}`, `res.headers${child}`];
  });
}
