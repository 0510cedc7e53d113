import { z } from './zod.ts';

export const ZHealth = z.object({ status: z.literal('ok') });
export const ZReady = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['ok', 'unreachable']),
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
});
