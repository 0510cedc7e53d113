import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZHealth, ZReady } from '../../../shared/contract/health.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../../db/migrate.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { public: true },
    schema: { tags: ['health'], summary: 'Процесс жив', response: { 200: ZHealth } },
  }, async () => ({ status: 'ok' as const }));

  const expected = expectedMigrationCount();
  app.get('/ready', {
    config: { public: true },
    schema: { tags: ['health'], summary: 'База данных доступна, миграции применены', response: { 200: ZReady, 503: ZReady } },
  }, async (_request, reply) => {
    let applied = 0;
    let reachable = true;
    try {
      await app.database.db.execute(sql`select 1`);
      applied = await appliedMigrationCount(app.database);
    } catch {
      reachable = false;
    }
    const ready = reachable && applied === expected;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      database: reachable ? 'ok' : 'unreachable',
      migrations: { applied, expected },
    });
  });
};
