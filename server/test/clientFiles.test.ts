import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './helpers/testServer.js';

/** The raw answer (no decompression), to see what went over the wire. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('the built client as the server sends it', () => {
  let server: TestServer;
  let dist: string;
  const script = Buffer.from(`export const hello = ${JSON.stringify('Bonjour '.repeat(500))};\n`);
  const style = Buffer.from('body { color: black }\n');
  const index =
    '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head></html>';

  beforeAll(async () => {
    // A build as Vite writes it: hashed files, with the .br and .gz copies of the larger ones.
    dist = mkdtempSync(path.join(os.tmpdir(), 'cocon-client-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), index);
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), script);
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.br'), zlib.brotliCompressSync(script));
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.gz'), zlib.gzipSync(script));
    writeFileSync(path.join(dist, 'assets', 'small-Xy9.css'), style);
    server = await createTestServer({ clientDist: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends hashed files compressed with Brotli to a browser that accepts it, cached a year as immutable', async () => {
    const res = await get(`${server.url}/assets/index-AbC123.js`, {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends gzip to a browser that accepts only gzip, and the file as it is to one that accepts neither', async () => {
    const gzipped = await get(`${server.url}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.body).equals(script)).toBe(true);
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const plain = await get(`${server.url}/assets/index-AbC123.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(script)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    // A file too small to have compressed copies is sent as it is, cached alike.
    const small = await get(`${server.url}/assets/small-Xy9.css`, { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['content-type']).toMatch(/^text\/css/);
    expect(small.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 304 to a browser revalidating a hashed file it holds', async () => {
    const first = await get(`${server.url}/assets/index-AbC123.js`, { 'accept-encoding': 'br' });
    const again = await get(`${server.url}/assets/index-AbC123.js`, {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
  });

  it('has index.html asked again every time, at the root and at any page of the app', async () => {
    for (const page of ['/', '/o/org-a/boards/b1', '/join/ABC123']) {
      const res = await get(`${server.url}${page}`, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toBe(index);
    }
  });

  it('answers 404 for a hashed file that is not there, instead of the app', async () => {
    const missing = await get(`${server.url}/assets/index-Old999.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toMatch(/immutable/);
    const variantByName = await get(`${server.url}/assets/index-AbC123.js.br`);
    expect(variantByName.status).toBe(404);
    const outside = await get(`${server.url}/assets/..%2Findex.html`);
    expect(outside.status).toBe(404);
  });

  it('leaves the API alone', async () => {
    const res = await get(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
