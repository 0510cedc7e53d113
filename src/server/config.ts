import path from 'node:path';
import { z } from 'zod';
import { Cron } from 'croner';
import type { StreamLimits } from './events/diaryStreams.ts';

const readable = (check: () => unknown) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};
const cronPattern = z.string().refine((pattern) => readable(() => new Cron(pattern, { paused: true })),
  'шаблон cron не читается (минута час день месяц день-недели, например 0 2 * * 0)');
const isTimeZone = (timeZone: string) => readable(() => new Intl.DateTimeFormat('en', { timeZone }));

/** Every setting Klassny reads from the environment; README.md documents each one. */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** PostgreSQL connections per process for reading requests, on the primary and on the replica each. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** PostgreSQL connections per process reserved for transactions and writing requests. */
  DATABASE_WRITE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(5),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().min(1).optional(),
  SECRET_KEY: z.string().min(32, 'не короче 32 символов (например, openssl rand -hex 32)').optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'адрес вида smtp://… или smtps://…').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_PUBLIC: z.enum(['true', 'false']).default('false'),
  JOBS: z.enum(['true', 'false']).default('true'),
  WORKERS: z.coerce.number().int().min(1, 'от 1 (один процесс) и больше').max(64).optional(),
  ARCHIVE_KEY: z.string().includes('PRIVATE KEY', { message: 'ожидался закрытый ключ Ed25519 в PEM (openssl genpkey -algorithm ed25519)' }).optional(),
  ARCHIVE_KEY_FILE: z.string().min(1).optional(),
  /** Comma-separated folders, each on its own medium (an external disk, a network share). */
  BACKUP_DIRS: z.string().transform((v) => v.split(',').map((d) => d.trim()).filter((d) => d !== ''))
    .refine((dirs) => new Set(dirs.map((d) => path.resolve(d))).size >= 2, 'нужны две разные папки или больше, через запятую (seed 004 §5.1: два внешних носителя)')
    .optional(),
  BACKUP_SCHEDULE: cronPattern.default('0 2 * * 0'),
  BACKUP_TIME_ZONE: z.string().refine(isTimeZone, 'неизвестный часовой пояс (например Europe/Moscow)').default('Europe/Moscow'),
  BACKUP_KEEP_WEEKS: z.coerce.number().int().min(1).max(520).default(8),
  BACKUP_KEEP_MONTHS: z.coerce.number().int().min(0).max(1200).default(60),
  BACKUP_ENCRYPTION_KEY: z.string().regex(/^\s*(AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+|age1[0-9a-z]+)\s*$/,
    'ожидался ключ age: закрытый AGE-SECRET-KEY-1… или открытый age1… (klassny backup --new-key)').optional(),
  BACKUP_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  DIARY_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(100).default(6),
  DIARY_STREAMS_PER_PROCESS: z.coerce.number().int().min(1).max(1_000_000).default(4_000),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Vitest sets `test`; `development` is for working on Klassny itself. */
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  databasePoolSize: number;
  databaseWritePoolSize: number;
  publicUrl: string;
  logLevel: z.infer<typeof ZConfig>['LOG_LEVEL'];
  /** Where the server's JSON log goes: a file (reopened on SIGUSR2, for logrotate), or `-` for stdout (the journal under systemd). */
  logFile: string;
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
  /**
   * Server processes on PostgreSQL (WORKERS): a primary forks this many workers sharing the port
   * (cluster/primary.ts). Unset: one per core. The embedded database is always one process.
   */
  workers: number | undefined;
  /** Outgoing mail: an SMTP server, else `.eml` files in DATA_DIR/outbox. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** The archive key in PEM (ARCHIVE_KEY), or the path of its file (ARCHIVE_KEY_FILE); unset: one per school in DATA_DIR/keys. */
  archiveKey: string | undefined;
  archiveKeyFile: string | undefined;
  /** Scheduled backups (records/backupCopies.ts, jobs/backupJob.ts). */
  backups: BackupSettings;
  /** Backups are encrypted with age to this key (BACKUP_ENCRYPTION_KEY) or the key in this file (…_FILE); see records/backupCrypt.ts. */
  backupEncryptionKey: string | undefined;
  backupEncryptionKeyFile: string | undefined;
  /** Live diary streams one session and one process hold (events/diaryStreams.ts). */
  streamLimits: StreamLimits;
  /** Mean event-loop delay above which requests get 503 with Retry-After (plugins/pressure.ts). */
  pressure: PressureSettings;
  /** NODE_ENV development or test: a request's write outside `db.transaction` throws (db/auditGuard.ts). */
  strictAudit: boolean;
};

export type PressureSettings = {
  /** Mean event-loop delay over a sample above which new requests get 503 (MAX_EVENT_LOOP_DELAY_MS; 0 = never). */
  maxEventLoopDelayMs: number;
  /** How often the delay is sampled; tests shorten it. */
  sampleIntervalMs?: number;
};

export type BackupSettings = {
  /** Absolute folders; BACKUP_DIRS unset: DATA_DIR/backups alone (`sameDisk`). */
  dirs: string[];
  /** The copies are on the database's own disk: not a backup, and the administrator is told so. */
  sameDisk: boolean;
  /** Cron pattern read in `timeZone`: one deployment, one clock, even when its schools span zones. */
  schedule: string;
  timeZone: string;
  /** Every copy is kept this many weeks; the first copy of each month this many months. */
  keepWeeks: number;
  keepMonths: number;
  /** BACKUP_ENCRYPTION_KEY(_FILE): copies are encrypted with age (records/backupCrypt.ts). */
  encryption?: { backupEncryptionKey: string | undefined; backupEncryptionKeyFile: string | undefined };
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
    databasePoolSize: c.DATABASE_POOL_SIZE,
    databaseWritePoolSize: c.DATABASE_WRITE_POOL_SIZE,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    logLevel: c.LOG_LEVEL,
    logFile: c.LOG_FILE === '-' ? '-' : path.resolve(c.LOG_FILE ?? path.join(c.DATA_DIR, 'logs', 'klassny.log')),
    secretKey: c.SECRET_KEY,
    trustProxy: c.TRUST_PROXY === 'true',
    demo: c.DEMO === 'true',
    demoPublic: c.DEMO_PUBLIC === 'true',
    jobs: c.JOBS === 'true',
    workers: c.WORKERS,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    archiveKey: c.ARCHIVE_KEY,
    archiveKeyFile: c.ARCHIVE_KEY_FILE === undefined ? undefined : path.resolve(c.ARCHIVE_KEY_FILE),
    backups: {
      dirs: c.BACKUP_DIRS ? [...new Set(c.BACKUP_DIRS.map((d) => path.resolve(d)))] : [path.resolve(c.DATA_DIR, 'backups')],
      sameDisk: !c.BACKUP_DIRS,
      schedule: c.BACKUP_SCHEDULE,
      timeZone: c.BACKUP_TIME_ZONE,
      keepWeeks: c.BACKUP_KEEP_WEEKS,
      keepMonths: c.BACKUP_KEEP_MONTHS,
      encryption: {
        backupEncryptionKey: c.BACKUP_ENCRYPTION_KEY?.trim(),
        backupEncryptionKeyFile: c.BACKUP_ENCRYPTION_KEY_FILE === undefined ? undefined : path.resolve(c.BACKUP_ENCRYPTION_KEY_FILE),
      },
    },
    backupEncryptionKey: c.BACKUP_ENCRYPTION_KEY?.trim(),
    backupEncryptionKeyFile: c.BACKUP_ENCRYPTION_KEY_FILE === undefined ? undefined : path.resolve(c.BACKUP_ENCRYPTION_KEY_FILE),
    streamLimits: { perSession: c.DIARY_STREAMS_PER_SESSION, perProcess: c.DIARY_STREAMS_PER_PROCESS },
    pressure: { maxEventLoopDelayMs: c.MAX_EVENT_LOOP_DELAY_MS },
    strictAudit: c.NODE_ENV === 'development' || c.NODE_ENV === 'test',
  };
}
