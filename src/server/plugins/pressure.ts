import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { PressureSettings } from '../config.ts';
import { AppError } from '../errors.ts';

/** Seconds a refused client is asked to wait. */
const RETRY_AFTER_S = 5;

/**
 * Answers 503 with Retry-After while the event loop is drowning, so the requests already in
 * flight finish instead of everything slowing down together (issue 16). `/api/health` and
 * `/api/ready` (one `select 1`) still answer: the process and its database are fine, only busy.
 */
export async function registerPressure(app: FastifyInstance, settings: PressureSettings): Promise<void> {
  if (settings.maxEventLoopDelayMs <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    sampleInterval: settings.sampleIntervalMs,
    // A rejected promise goes to the one error handler, which keeps the header set here.
    pressureHandler: async (request, reply) => {
      if (request.url === '/api/health' || request.url === '/api/ready') return;
      void reply.header('retry-after', String(RETRY_AFTER_S));
      throw new AppError('server.busy', 503, 'Сервер перегружен, повторите запрос через несколько секунд');
    },
  });
}
