import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or an e-mailed link: 256 bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token (a leaked database does not leak live links or sessions). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
