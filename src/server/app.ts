import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import '../shared/contract/zod.ts';
import type { Database } from './db/client.ts';
import { DiaryBus } from './events/diaryBus.ts';
import { accountsRoutes } from './modules/accounts/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { enrolmentRoutes } from './modules/enrolment/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { homeworkRoutes } from './modules/homework/routes.ts';
import { organisationRoutes } from './modules/organisation/routes.ts';
import { setupRoutes } from './modules/setup/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { rolloverRoutes } from './modules/rollover/routes.ts';
import { structureRoutes } from './modules/structure/routes.ts';
import { type Mailer, outboxMailer } from './mail/mailer.ts';
import { type FileStorage, localDiskStorage } from './storage/fileStorage.ts';
import { registerActor, requireActor } from './plugins/actor.ts';
import { registerRequestContext } from './db/requestContext.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { controlRoutes } from './modules/control/routes.ts';
import { reportsRoutes } from './modules/reports/routes.ts';
import { diaryRoutes } from './modules/diary/routes.ts';
import { timetableRoutes } from './modules/timetable/routes.ts';
import { journalRoutes } from './modules/journal/routes.ts';
import { gradingRoutes } from './modules/grading/routes.ts';
import type { ArchiveKeySource } from './records/archiveKey.ts';
import { yearArchiveRoutes } from './records/yearArchiveRoutes.ts';
import { backupRoutes } from './records/backupRoutes.ts';
import type { BackupSettings, PressureSettings } from './config.ts';
import { registerErrorHandler } from './plugins/errorHandler.ts';
import { registerDenialLog } from './plugins/denials.ts';
import { registerNulGuard } from './plugins/nulGuard.ts';
import { registerPressure } from './plugins/pressure.ts';
import type { StreamLimits } from './events/diaryStreams.ts';
import { registerSecurityHeaders } from './plugins/securityHeaders.ts';
import { requireTotpSetup } from './plugins/totpSetup.ts';
import { DEFAULT_WEB_ROOT, registerWeb } from './plugins/web.ts';

export type AppOptions = {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Tests only: take the actor from a request header (see plugins/actor.ts). */
  testActors?: boolean;
  /** The clock; tests move it to expire sessions and locks without waiting. */
  now?: () => Date;
  /** Seals secrets at rest (TOTP); null = TOTP cannot be turned on (see secretKey.ts). */
  secretKey?: string | null;
  /** PUBLIC_URL: the address printed on credential slips and sent in e-mails. */
  publicUrl?: string;
  /** Behind a reverse proxy (TRUST_PROXY): client address and protocol from X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Outgoing e-mail; by default .eml files in ./data/outbox (main.ts passes DATA_DIR/outbox). */
  mailer?: Mailer;
  /** Tests only: PDFs with uncompressed streams, so their text can be read back. */
  uncompressedPdf?: boolean;
  /** Uploaded files (homework attachments); by default ./data/files (main.ts passes DATA_DIR/files). */
  storage?: FileStorage;
  /** Where the schools' archive keys come from (records/archiveKey.ts); by default files in ./data/keys (main.ts passes the settings). */
  archiveKeys?: ArchiveKeySource;
  /** DEMO_PUBLIC: the demo's published password accepted from any address, not only loopback. */
  demoPublic?: boolean;
  /** Scheduled backups' settings (config.ts); by default ./data/backups alone, as with BACKUP_DIRS unset. */
  backups?: BackupSettings;
  /** Live diary streams per session and per process (config.ts); by default 6 and 4,000. */
  streamLimits?: StreamLimits;
  /** When to answer 503 before the event loop drowns (config.ts, main.ts); unset = never (tests). */
  pressure?: PressureSettings;
  /** The built web app served at `/` (default dist/web; null = API only). */
  webRoot?: string | null;
};

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    now: () => Date;
    secretKey: string | null;
    publicUrl: string;
    mailer: Mailer;
    uncompressedPdf: boolean;
    storage: FileStorage;
    diaryBus: DiaryBus;
    archiveKeys: ArchiveKeySource;
    demoPublic: boolean;
    backups: BackupSettings;
  }
}

/**
 * The API modules, in one visible list (no registration by import side effect): one plugin per module,
 * exported by `modules/<module>/routes.ts`, which registers the module's own route files or sub-rooms.
 */
const apiModules = [
  accountsRoutes, organisationRoutes, calendarRoutes, peopleRoutes, structureRoutes, enrolmentRoutes, rolloverRoutes, auditRoutes,
  journalRoutes, gradingRoutes, homeworkRoutes, timetableRoutes, diaryRoutes, controlRoutes,
  reportsRoutes, yearArchiveRoutes, setupRoutes, backupRoutes,
];

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: options.trustProxy ?? false })
    .withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('now', options.now ?? (() => new Date()));
  const diaryBus = new DiaryBus(options.streamLimits);
  // Several server processes on one PostgreSQL hear each other's journal changes (LISTEN/NOTIFY).
  if (options.database.kind === 'pg' && options.database.url) await diaryBus.bridgePostgres(options.database.url, app.log);
  app.addHook('onClose', () => diaryBus.close());
  app.decorate('diaryBus', diaryBus);
  app.decorate('secretKey', options.secretKey ?? null);
  app.decorate('publicUrl', (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''));
  app.decorate('mailer', options.mailer ?? outboxMailer(path.resolve('data', 'outbox')));
  app.decorate('archiveKeys', options.archiveKeys ?? { dir: path.resolve('data', 'keys') });
  app.decorate('demoPublic', options.demoPublic ?? false);
  app.decorate('backups', options.backups ?? {
    dirs: [path.resolve('data', 'backups')], sameDisk: true, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60,
  });
  app.decorate('uncompressedPdf', options.uncompressedPdf ?? false);
  app.decorate('storage', options.storage ?? localDiskStorage(path.resolve('data', 'files')));
  registerErrorHandler(app);
  if (options.pressure) await registerPressure(app, options.pressure);
  registerDenialLog(app);
  registerNulGuard(app);
  await registerSecurityHeaders(app);
  // Before the actor hook: it writes the actor into the context the audit triggers read.
  registerRequestContext(app);
  await registerActor(app, { testActors: options.testActors ?? false });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Klassny API', version: '1', description: 'Электронный журнал и дневник Klassny' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(
    async (api) => {
      requireActor(api);
      requireTotpSetup(api);
      for (const module of apiModules) await api.register(module);
    },
    { prefix: '/api/v1' },
  );
  await registerWeb(app, options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot);
  return app;
}
