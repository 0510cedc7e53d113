import { ZDate, ZGrade, ZId, ZName, ZPageQuery, ZTime } from './common.ts';
import { HOLIDAY_KINDS, PERIOD_KINDS, YEAR_STATUSES } from './enums.ts';
import { z } from './zod.ts';

export const ZWeekDays = z.union([z.literal(5), z.literal(6)], { error: 'Пятидневная (5) или шестидневная (6) неделя' });
const ZBodyGrade = z.number().int('Целое число').min(1, 'От 1 до 12').max(12, 'От 1 до 12');

// Update schemas are built from fields without defaults: a default inside `.partial()` would
// quietly reset an omitted field on PATCH.

export const ZAcademicYear = z.object({
  id: ZId,
  name: z.string(),
  startsOn: ZDate,
  endsOn: ZDate,
  status: z.enum(YEAR_STATUSES),
  weekDays: z.number().int(),
});
const yearFields = { name: ZName(100), startsOn: ZDate, endsOn: ZDate, weekDays: ZWeekDays };
export const ZAcademicYearCreate = z.object({ ...yearFields, weekDays: ZWeekDays.default(5) });
export const ZAcademicYearUpdate = z.object(yearFields).partial();
export const ZAcademicYearQuery = ZPageQuery.extend({ status: z.enum(YEAR_STATUSES).optional() });
export type AcademicYear = z.infer<typeof ZAcademicYear>;
export type AcademicYearCreate = z.infer<typeof ZAcademicYearCreate>;
export type AcademicYearUpdate = z.infer<typeof ZAcademicYearUpdate>;

export const ZPeriod = z.object({
  id: ZId,
  academicYearId: ZId,
  name: z.string(),
  kind: z.enum(PERIOD_KINDS),
  gradeFrom: z.number().int(),
  gradeTo: z.number().int(),
  startsOn: ZDate,
  endsOn: ZDate,
});
const periodFields = {
  name: ZName(100),
  kind: z.enum(PERIOD_KINDS),
  gradeFrom: ZBodyGrade,
  gradeTo: ZBodyGrade,
  startsOn: ZDate,
  endsOn: ZDate,
};
export const ZPeriodCreate = z.object({ academicYearId: ZId, ...periodFields });
export const ZPeriodUpdate = z.object(periodFields).partial();
export const ZPeriodQuery = ZPageQuery.extend({ academicYearId: ZId.optional(), grade: ZGrade.optional() });
export type Period = z.infer<typeof ZPeriod>;
export type PeriodCreate = z.infer<typeof ZPeriodCreate>;
export type PeriodUpdate = z.infer<typeof ZPeriodUpdate>;

export const ZHoliday = z.object({
  id: ZId,
  academicYearId: ZId,
  name: z.string(),
  kind: z.enum(HOLIDAY_KINDS),
  startsOn: ZDate,
  endsOn: ZDate,
  gradeFrom: z.number().int().nullable(),
  gradeTo: z.number().int().nullable(),
});
const holidayFields = {
  name: ZName(100),
  kind: z.enum(HOLIDAY_KINDS),
  startsOn: ZDate,
  endsOn: ZDate,
  /** Null band = the whole school. */
  gradeFrom: ZBodyGrade.nullable(),
  gradeTo: ZBodyGrade.nullable(),
};
export const ZHolidayCreate = z.object({
  academicYearId: ZId,
  ...holidayFields,
  gradeFrom: holidayFields.gradeFrom.default(null),
  gradeTo: holidayFields.gradeTo.default(null),
});
export const ZHolidayUpdate = z.object(holidayFields).partial();
export const ZHolidayQuery = ZPageQuery.extend({ academicYearId: ZId.optional(), grade: ZGrade.optional() });
export type Holiday = z.infer<typeof ZHoliday>;
export type HolidayCreate = z.infer<typeof ZHolidayCreate>;
export type HolidayUpdate = z.infer<typeof ZHolidayUpdate>;

export const ZBell = z.object({
  lessonNumber: z.number().int('Целое число').min(0, 'От 0 до 15').max(15, 'От 0 до 15'),
  startsAt: ZTime,
  endsAt: ZTime,
});
export const ZBellSchedule = z.object({
  id: ZId,
  academicYearId: ZId,
  name: z.string(),
  isDefault: z.boolean(),
  bells: z.array(ZBell),
});
const bellScheduleFields = {
  name: ZName(100),
  isDefault: z.boolean(),
  bells: z.array(ZBell).min(1, 'Нужен хотя бы один урок').max(16, 'Не больше 16 уроков'),
};
export const ZBellScheduleCreate = z.object({
  academicYearId: ZId,
  ...bellScheduleFields,
  isDefault: bellScheduleFields.isDefault.default(false),
});
/** `bells`, when given, replaces every bell of the schedule. */
export const ZBellScheduleUpdate = z.object(bellScheduleFields).partial();
export const ZBellScheduleQuery = ZPageQuery.extend({ academicYearId: ZId.optional() });
export type Bell = z.infer<typeof ZBell>;
export type BellSchedule = z.infer<typeof ZBellSchedule>;
export type BellScheduleCreate = z.infer<typeof ZBellScheduleCreate>;
export type BellScheduleUpdate = z.infer<typeof ZBellScheduleUpdate>;
