import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@dangjian/config';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** What the console reads at start (`window.__DANGJIAN_CONFIG__`), from the gateway's configuration. */
export function appConfigScript(config: Config): string {
  const value = { graphqlUrl: '/graphql', exportUrl: '/export', title: '党建工作平台', timeZone: config.TZ };
  // `<` is escaped so that no value can close a script element.
  return `window.__DANGJIAN_CONFIG__ = ${JSON.stringify(value).replace(/</g, '\\u003c')};\n`;
}

const API_PATHS = /^\/(graphql|export|healthz|readyz|metrics|app-config\.js)(\/|$)/;

/**
 * The built console: /app-config.js, the static files, and index.html for every other GET that a
 * browser navigates to (client-side routes such as /members). API paths are never answered here.
 */
export function consoleRouter(config: Config, consoleDir: string | null): Router {
  const router = express.Router();
  router.get('/app-config.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/javascript').send(appConfigScript(config));
  });
  if (!consoleDir || !existsSync(join(consoleDir, 'index.html'))) return router;
  const indexHtml = join(consoleDir, 'index.html');
  router.use(
    express.static(consoleDir, {
      index: false,
      fallthrough: true,
      setHeaders(res, path) {
        // Vite fingerprints everything under assets/: it never changes under the same name.
        if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}

/** apps/console/dist beside this app, whether running from src/ (tests) or dist/. */
export function defaultConsoleDir(): string {
  return new URL('../../../console/dist', import.meta.url).pathname;
}
