import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZBackupDownload, ZBackupOverview } from '../../shared/contract/backups.ts';
import { ZError, ZSchoolItemParams, ZSchoolParams } from '../../shared/contract/common.ts';
import { z } from '../../shared/contract/zod.ts';
import { makeBackupCopies } from './backupCopies.ts';
import { clientOf } from '../modules/accounts/sessions/cookie.ts';
import { attachment } from '../modules/reports/download.ts';
import { assertMayManageBackups } from '../policy/backups.ts';
import { schoolCount } from '../modules/organisation/service.ts';
import { authoriseDownload, backupOverview } from './backupService.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 429: ZError };

/** «Резервные копии» (issue 14): destinations, copies, a copy now, a download with the second factor. */
export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  const allow = async (actor: Parameters<typeof assertMayManageBackups>[0], schoolId: string) =>
    assertMayManageBackups(actor, schoolId, await schoolCount(app.database.db));

  app.get('/schools/:schoolId/backups', {
    schema: {
      tags: ['records'], summary: 'Резервные копии: папки, свободное место, копии и их проверка',
      params: ZSchoolParams, response: { 200: ZBackupOverview, ...errors },
    },
  }, async (req) => {
    await allow(req.actor, req.params.schoolId);
    return backupOverview(app.database.db, app.backups, app.now());
  });

  app.post('/schools/:schoolId/backups', {
    schema: {
      tags: ['records'], summary: 'Сделать копию сейчас во все папки (как плановая), затем показать копии',
      params: ZSchoolParams, response: { 200: ZBackupOverview, ...errors },
    },
  }, async (req) => {
    await allow(req.actor, req.params.schoolId);
    // As the scheduled job does; a failure is recorded (backup_copies, the security log) and shown in the list.
    await makeBackupCopies({ database: app.database, storage: app.storage, settings: app.backups, now: app.now, log: app.log }, 'manual');
    return backupOverview(app.database.db, app.backups, app.now());
  });

  app.post('/schools/:schoolId/backups/:id/download', {
    schema: {
      tags: ['records'], summary: 'Скачать копию: нужен текущий код из приложения; записывается в журнал безопасности',
      params: ZSchoolItemParams, body: ZBackupDownload, response: { 200: z.any().describe('application/x-tar'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId, id } = req.params;
    await allow(req.actor, schoolId);
    const { file, fileName } = await authoriseDownload(app.database.db, app.secretKey, {
      userId: req.actor!.userId, schoolId, copyId: id, code: req.body.code, client: clientOf(req), now: app.now(),
    });
    return reply
      .header('content-type', 'application/x-tar')
      .header('content-disposition', attachment(fileName, fileName))
      .header('cache-control', 'no-store')
      .send(createReadStream(file));
  });
};
