import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` puts the web app (vite.config.ts). */
export const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/**
 * Serves the built web app at `/`. Hashed assets are cached for a year; every other non-API GET
 * answers with index.html, so that the browser's router shows the page (a reload of
 * `/diary/...` works). `/api/*` and missing assets keep the JSON 404. No build, no web app:
 * the API runs on its own.
 */
export async function registerWeb(app: FastifyInstance, root: string | null): Promise<void> {
  if (!root || !existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(res, filePath) {
      res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url;
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/assets/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
