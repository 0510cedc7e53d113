import { addYears, isDate } from '../domain/calendar.ts';
import type { ZDate } from './common.ts';
import type { z } from './zod.ts';

/**
 * From–to, both included, at most a year. The object's checks run even when a date failed its own
 * (zod 4), so they look only at real dates: a malformed one is reported on its field, never a 500.
 */
export const withinAYear = <S extends z.ZodObject<{ from: typeof ZDate; to: typeof ZDate }>>(schema: S) => schema
  .refine((q) => !isDate(q.from) || !isDate(q.to) || q.from <= q.to, { message: 'Конец периода раньше его начала', path: ['to'] })
  .refine((q) => !isDate(q.from) || !isDate(q.to) || q.to < addYears(q.from, 1), { message: 'Не больше года', path: ['to'] });
