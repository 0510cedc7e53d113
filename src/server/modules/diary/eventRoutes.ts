import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError } from '../../../shared/contract/common.ts';
import { type DiaryChangeEvent, ZDiaryParams } from '../../../shared/contract/diary.ts';
import { authorise } from '../../policy/scope.ts';
import { getStudent } from '../people/service.ts';

/** Proxies drop a connection that stays silent for a minute; a comment line every 25 s keeps it open. */
export const HEARTBEAT_MS = 25_000;
/** A full process (DIARY_STREAMS_PER_PROCESS) asks a new stream to come back later. */
const STREAMS_RETRY_AFTER_S = 30;

/**
 * Server-Sent Events for an open diary: after the same access check as the diary itself, every
 * journal change of this student published on `app.diaryBus` becomes `event: change` with
 * `{kind, lessonId, at}`; the page then re-fetches what it shows. Nothing else is sent: the event
 * names no mark or value, so a stream reveals no more than the diary does.
 */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const open = new Set<ServerResponse>();
  // A stream never goes idle on its own: end them all so that closing the server does not wait.
  // Each is told to come back soon (spread over a second, not all at once); in a cluster the
  // browser's EventSource then reconnects to another worker and re-fetches what it shows.
  const endAll = () => {
    for (const res of open) {
      const socket = res.socket;
      res.end(`retry: ${250 + Math.floor(Math.random() * 1000)}\nevent: reconnect\ndata: {}\n\n`);
      // Not back to the keep-alive pool: the browser's next try must find another process.
      socket?.end();
    }
    open.clear();
  };
  app.diaryBus.onEndStreams(endAll);
  app.addHook('preClose', async () => endAll());

  app.get('/schools/:schoolId/students/:studentId/diary/events', {
    schema: {
      tags: ['diary'], summary: 'Дневник: поток изменений (Server-Sent Events)', params: ZDiaryParams,
      response: { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 503: ZError },
    },
  }, async (req, reply) => {
    const { schoolId, studentId } = req.params;
    await authorise(req, 'diary.read', req.params);
    await getStudent(app.database.readDb, schoolId, studentId);
    const session = req.sessionId ?? `user:${req.actor!.userId}`;
    if (!app.diaryBus.streams.hasRoom(session)) {
      return reply.code(503).header('retry-after', String(STREAMS_RETRY_AFTER_S)).send({
        error: { code: 'diary.streams_busy', message: 'Сервер занят: слишком много открытых дневников. Обновите страницу позже, чтобы видеть изменения сразу' },
      });
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 5000\n\n');
    open.add(res);
    // Past the session's allowance its oldest diary is told so and closed; the page stops reconnecting.
    const release = app.diaryBus.streams.admit(session, () => {
      res.write('event: superseded\ndata: {}\n\n');
      res.end();
    });
    const unsubscribe = app.diaryBus.subscribe(studentId, (change) => {
      if (change.schoolId !== schoolId) return;
      const data: DiaryChangeEvent = { kind: change.kind, lessonId: change.lessonId ?? null, at: change.at };
      res.write(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const closed = () => {
      clearInterval(heartbeat);
      release();
      unsubscribe();
      open.delete(res);
    };
    res.on('close', closed);
    // The caller may have gone while the access check ran: then 'close' has already been emitted.
    if (res.socket === null || res.socket.destroyed) closed();
  });
};
