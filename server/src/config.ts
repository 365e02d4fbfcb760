import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URL: z.string().min(1, 'MONGODB_URL is required (npm start provides an embedded FerretDB)'),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('cocon'),
  CLIENT_DIST: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SEEDS_DIR: z.string().optional(),
  SEED_DEMO: flag,
  DEMO_PASSWORD: z.string().min(8).optional(),
  COOKIE_SECURE: flag,
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  TRUST_PROXY: flag,
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().default('cocon:'),
  JOINS_PER_10_MIN: z.coerce.number().int().min(1).default(600),
  QUIET: flag,
  SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(1).default('Cocon <no-reply@cocon.local>'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
});

export type Config = z.output<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
