// Serving the built web app (dist/web) beside the API: hashed assets cached for a year, index.html never
// cached, the build's brotli or gzip file sent to a browser that accepts it (the build writes them), and every other GET outside /api answered with index.html so the app's own routes
// (/p/demo/desk, /login) load on a reload. Unknown /api paths keep the API's JSON 404.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run npm run build:web first`);
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' } }, (req, reply) => {
    if (req.url === '/api' || req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
