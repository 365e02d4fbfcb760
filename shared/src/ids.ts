import { z } from 'zod';

/** Ids are opaque URL-safe strings; clients may mint idea and comment ids (for idempotent retries). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

/** A URL-safe random id (browser and Node both have crypto.getRandomValues). */
export function newId(length = 16): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
