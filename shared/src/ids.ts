import { z } from 'zod';

/** Ids are opaque URL-safe strings; clients may mint idea and comment ids (for idempotent retries). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

export { newId } from './newId.js';
