import { isDate } from '../domain/calendar.ts';
import { z } from './zod.ts';

/** A schema's own message for a wrong value, «Обязательное поле» for a missing one. */
const orRequired = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'Обязательное поле' : message),
});

export const ZId = z.uuid(orRequired('Неверный идентификатор'));
/**
 * School-local calendar date, 'YYYY-MM-DD', one the calendar rules can count with (not years 0000-0099);
 * a failure stops the checks chained after it, which may count with the date.
 */
export const ZDate = z.iso.date(orRequired('Дата в формате ГГГГ-ММ-ДД')).refine(isDate, { message: 'Дата в формате ГГГГ-ММ-ДД', abort: true });
export const ZTime = z.string(orRequired('Время в формате ЧЧ:ММ')).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ');
export const ZTimestamp = z.iso.datetime({ offset: true });

/** A required human-readable name: trimmed, not blank, bounded. */
export const ZName = (max = 200) => z.string().trim().min(1, 'Не может быть пустым').max(max, `Не длиннее ${max} символов`);
export const ZGrade = z.coerce.number().int('Целое число').min(1, 'От 1 до 12').max(12, 'От 1 до 12');
export const ZHours = z.number().positive('Больше нуля').max(40, 'Не больше 40');
export const ZOrder = {
  orderNumber: ZName(50),
  orderDate: ZDate,
};

export const ZSchoolParams = z.object({ schoolId: ZId });
export const ZSchoolItemParams = z.object({ schoolId: ZId, id: ZId });
export const ZItemParams = z.object({ id: ZId });

export const ZPageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'От 1 до 500').max(500, 'От 1 до 500').default(50),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

export const ZPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** A stale write's 409 carries the current value. */
    current: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ZError>;

export const ZDeleted = z.object({ deleted: z.literal(true) });
