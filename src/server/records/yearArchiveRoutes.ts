import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolItemParams } from '../../shared/contract/common.ts';
import { z } from '../../shared/contract/zod.ts';
import { assertCan } from '../policy/policy.ts';
import { attachment } from '../modules/reports/download.ts';
import { displayNameOf } from '../modules/reports/queries.ts';
import { archiveKeyOf } from './archiveKey.ts';
import { buildYearArchive, closedYear } from './yearArchive.ts';
import { tarOfArchive } from './yearArchiveTar.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** «Архив учебного года» (issue 14): the administrator downloads the signed archive of a closed year as one .tar. */
export const yearArchiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/schools/:schoolId/academic-years/:id/archive.tar', {
    schema: {
      tags: ['calendar'], summary: 'Архив закрытого учебного года: журналы, ведомости, журнал изменений и подписанная опись (.tar)',
      params: ZSchoolItemParams, response: { 200: z.any().describe('application/x-tar'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'year.archive', { schoolId });
    const db = app.database.readDb;
    // Refused (404, 409) before anything is written.
    await closedYear(db, schoolId, id);
    const work = await mkdtemp(path.join(tmpdir(), 'klassny-year-archive-'));
    try {
      const key = archiveKeyOf(app.archiveKeys, schoolId);
      const name = await displayNameOf(db, req.actor!.userId);
      const { dir, manifest } = await buildYearArchive(db, { schoolId, yearId: id, now: app.now(), key, to: work, madeBy: { userId: req.actor!.userId, name: name ?? null } });
      const stream = tarOfArchive(dir, manifest);
      const cleanUp = () => void rm(work, { recursive: true, force: true });
      stream.once('close', cleanUp);
      return await reply
        .header('content-type', 'application/x-tar')
        .header('content-disposition', attachment(`Архив учебного года ${manifest.year.name}.tar`, `${path.basename(dir)}.tar`))
        .header('cache-control', 'no-store')
        .send(stream);
    } catch (error) {
      await rm(work, { recursive: true, force: true });
      throw error;
    }
  });
};
