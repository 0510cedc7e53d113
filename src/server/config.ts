import path from 'node:path';
import { z } from 'zod';

/** Every setting Klassny reads from the environment; README.md documents each one. */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SECRET_KEY: z.string().min(32, 'не короче 32 символов (например, openssl rand -hex 32)').optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'адрес вида smtp://… или smtps://…').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_PUBLIC: z.enum(['true', 'false']).default('false'),
  JOBS: z.enum(['true', 'false']).default('true'),
  ARCHIVE_KEY: z.string().includes('PRIVATE KEY', { message: 'ожидался закрытый ключ Ed25519 в PEM (openssl genpkey -algorithm ed25519)' }).optional(),
  ARCHIVE_KEY_FILE: z.string().min(1).optional(),
  /** Vitest sets `test`; `development` is for working on Klassny itself. */
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof ZConfig>['LOG_LEVEL'];
  /** Encrypts secrets at rest (TOTP); see secretKey.ts for the fallback when unset. */
  secretKey: string | undefined;
  /** Behind a reverse proxy: take the client's address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
  /** Build the demo school and college when the database has no school. */
  demo: boolean;
  /** Demo logins with the published password from any address, not only from this machine. */
  demoPublic: boolean;
  /** Run the scheduled jobs (src/server/jobs/) in this process; one process of a deployment runs them at a time. */
  jobs: boolean;
  /** Outgoing mail: an SMTP server, else `.eml` files in DATA_DIR/outbox. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** The archive key in PEM (ARCHIVE_KEY), or the path of its file (ARCHIVE_KEY_FILE); unset: one per school in DATA_DIR/keys. */
  archiveKey: string | undefined;
  archiveKeyFile: string | undefined;
  /** NODE_ENV development or test: a request's write outside `db.transaction` throws (db/auditGuard.ts). */
  strictAudit: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ZConfig.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Неверные настройки: ${lines.join('; ')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databaseReplicaUrl: c.DATABASE_REPLICA_URL,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    logLevel: c.LOG_LEVEL,
    secretKey: c.SECRET_KEY,
    trustProxy: c.TRUST_PROXY === 'true',
    demo: c.DEMO === 'true',
    demoPublic: c.DEMO_PUBLIC === 'true',
    jobs: c.JOBS === 'true',
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    archiveKey: c.ARCHIVE_KEY,
    archiveKeyFile: c.ARCHIVE_KEY_FILE === undefined ? undefined : path.resolve(c.ARCHIVE_KEY_FILE),
    strictAudit: c.NODE_ENV === 'development' || c.NODE_ENV === 'test',
  };
}
