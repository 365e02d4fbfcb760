import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';

/** Hashed build files (`/assets/<name>-<hash>.<ext>`): their name changes with their content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html: always asked again (cheaply, by its ETag), so a new build is seen at once. */
export const REVALIDATE = 'no-cache';

/** The variants the build writes next to each compressible file, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the built client: hashed files under /assets cached for a year as immutable, in the
 * precompressed variant (.br, .gz written by the build, see vite.config.ts) the browser accepts,
 * with `Vary: Accept-Encoding`; any other GET outside /api, /yjs and /socket.io gets index.html,
 * never cached without asking (the client routes in the browser). Nothing is compressed per
 * request, and WebSocket upgrades never reach express.
 */
export function clientFiles(distDir: string): Router {
  const dist = path.resolve(distDir);
  const assets = path.join(dist, 'assets');
  const router = express.Router();

  router.get('/assets/*file', (req: Request, res: Response, next: NextFunction) => {
    const relative = (req.params as { file: string[] }).file.join('/');
    const file = path.join(assets, relative);
    // Outside the folder, a compressed variant asked by name, or missing: 404 below.
    if (!file.startsWith(assets + path.sep) || /\.(br|gz)$/.test(file)) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    // Ours first among those the browser accepts (browsers list gzip before br, at equal weight).
    const variant = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && isFile(file + e.suffix));
    if (!variant && !isFile(file)) return next();
    if (variant) {
      // The type of the original (send would name it after .br); the length is the variant's.
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', variant.name);
    }
    res.sendFile(
      relative + (variant?.suffix ?? ''),
      { root: assets, cacheControl: false, headers: { 'Cache-Control': IMMUTABLE } },
      (error) => error && next(error),
    );
  });
  // A missing hashed file (a page of an older build asking for its chunk) is a 404, not the app.
  router.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').setHeader('Cache-Control', REVALIDATE).send('Not found');
  });

  // Other build files (public/): short caching, their names do not change with their content.
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res, next) => {
    res.sendFile(
      path.join(dist, 'index.html'),
      { cacheControl: false, headers: { 'Cache-Control': REVALIDATE } },
      (error) => error && next(error),
    );
  });
  return router;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
