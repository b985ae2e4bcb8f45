import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the dashboard (`vite build web`): dist/public beside the compiled server. */
export const DEFAULT_DASHBOARD_ROOT = fileURLToPath(new URL('../public/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Compressing these is worth it; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  contentType: string;
  etag: string;
}

function loadAsset(path: string): Asset {
  const body = readFileSync(path);
  const extension = extname(path);
  return {
    body,
    gzip: COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply
    .header('Content-Type', asset.contentType)
    .header('Cache-Control', cacheControl)
    .header('ETag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  if (asset.gzip) {
    reply.header('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('Content-Encoding', 'gzip').send(asset.gzip);
    }
  }
  return reply.send(asset.body);
}

/**
 * Serves the web dashboard: `GET /` (the page, revalidated on every load) and `GET /assets/:file`
 * (content-hashed by Vite, so cached for a year). Files are read and gzipped once, at start-up; only
 * names that the build produced are served, so no request path ever reaches the file system.
 * Registered as plain Fastify routes: static files need neither Nest's pipes nor its rate limit.
 * The page's Content-Security-Policy is set with the other security headers (src/common/security-headers.ts).
 */
export function registerDashboard(fastify: FastifyInstance, root = DEFAULT_DASHBOARD_ROOT): void {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) {
    fastify.log.warn({ root }, 'web dashboard not built: `npm run build` in examples/nest-server builds it');
    fastify.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The DA-KI dashboard is not built. Run `npm run build` in examples/nest-server; the API is at /api and /docs.',
        ),
    );
    return;
  }
  const index = loadAsset(indexPath);
  const assetsDir = join(root, 'assets');
  const assets = new Map<string, Asset>();
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) assets.set(name, loadAsset(join(assetsDir, name)));
  }
  fastify.get('/', (request, reply) => send(request, reply, index, 'no-cache'));
  fastify.get<{ Params: { file: string } }>('/assets/:file', (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`No dashboard asset ${request.params.file}`);
    }
    return send(request, reply, asset, 'public, max-age=31536000, immutable');
  });
}
