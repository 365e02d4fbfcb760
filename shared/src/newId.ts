/**
 * A URL-safe random id (browser and Node both have crypto.getRandomValues). Apart from ids.ts and
 * its zod schema: the board's code mints ids, and a guest's phone should not load zod for that.
 */
export function newId(length = 16): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
