import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * Security headers on every response (helmet's job, written out): a content security policy with
 * no external origin at all (the console works on an intranet without internet), no sniffing, no
 * referrer, no framing.
 */
export function securityHeaders(production: boolean): RequestHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Element Plus positions popovers and tables with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.removeHeader('X-Powered-By');
    next();
  };
}

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'accept-language',
].join(', ');

/** CORS for the origins in CORS_ORIGINS only; with none configured, only same-origin use works. */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins.map((origin) => origin.replace(/\/+$/, '')));
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    res.vary('Origin');
    const permitted = origin !== undefined && (allowed.has(origin) || allowed.has('*'));
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Content-Disposition');
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      if (permitted) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}

/** JSON bodies up to the limit; a larger or malformed body is refused in the GraphQL error shape. */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const parse = express.json({ limit: maxBytes });
  const refuse = (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string } | null)?.type;
    const reply = (status: number, message: string) =>
      res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
    if (type === 'entity.too.large') return reply(413, `请求体过大，上限为 ${Math.round(maxBytes / 1024)} KB`);
    if (type === 'entity.parse.failed') return reply(400, '请求体不是有效的 JSON');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') return reply(415, '请求体的字符编码不受支持，请使用 UTF-8');
    if (type === 'request.aborted') return reply(400, '请求被中断');
    next(error);
  };
  return [parse, refuse as unknown as RequestHandler];
}
