import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { academicYears, periods } from '../../db/schema/calendar.ts';

export type YearRow = typeof academicYears.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;

export const findYear = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(academicYears).where(and(eq(academicYears.schoolId, schoolId), eq(academicYears.id, id))))[0];

export const findPeriod = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(periods).where(and(eq(periods.schoolId, schoolId), eq(periods.id, id))))[0];
