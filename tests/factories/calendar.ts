import { count, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import {
  academicYears, bellSchedules as bellSchedulesTable, bells as bellsTable, holidays as holidaysTable, periods as periodsTable,
} from '../../src/server/db/schema/calendar.ts';
import * as bells from '../../src/server/modules/calendar/bellsService.ts';
import * as periods from '../../src/server/modules/calendar/periodsService.ts';
import * as years from '../../src/server/modules/calendar/yearsService.ts';
import type { YearTransition } from '../../src/shared/domain/calendar.ts';

/**
 * An academic year from 1 September of `startYear` to 31 May, created through the service as an
 * administrator would, then moved to `status` if asked.
 */
export async function createYear(
  db: Db, schoolId: string,
  options: { startYear?: number; status?: 'planning' | 'open' | 'closed' | 'archived'; weekDays?: 5 | 6 } = {},
) {
  const startYear = options.startYear ?? 2025;
  let year = await years.createYear(db, schoolId, {
    name: `${startYear}/${startYear + 1}`,
    startsOn: `${startYear}-09-01`,
    endsOn: `${startYear + 1}-05-31`,
    weekDays: options.weekDays ?? 5,
  });
  const steps: YearTransition[] = { planning: [], open: ['open'], closed: ['open', 'close'], archived: ['open', 'close', 'archive'] }[
    options.status ?? 'planning'
  ] as YearTransition[];
  for (const step of steps) year = await years.transitionYear(db, schoolId, year.id, step);
  return year;
}

/** A general school's calendar: quarters for grades 1–9, halves for 10–11. */
export async function createQuartersAndHalves(db: Db, schoolId: string, academicYearId: string, startYear = 2025) {
  const y0 = startYear;
  const y1 = startYear + 1;
  const quarter = (n: number, startsOn: string, endsOn: string) =>
    periods.createPeriod(db, schoolId, { academicYearId, name: `${n} четверть`, kind: 'quarter', gradeFrom: 1, gradeTo: 9, startsOn, endsOn });
  const half = (n: number, startsOn: string, endsOn: string) =>
    periods.createPeriod(db, schoolId, { academicYearId, name: `${n} полугодие`, kind: 'half', gradeFrom: 10, gradeTo: 11, startsOn, endsOn });
  return [
    await quarter(1, `${y0}-09-01`, `${y0}-10-24`),
    await quarter(2, `${y0}-11-05`, `${y0}-12-28`),
    await quarter(3, `${y1}-01-12`, `${y1}-03-20`),
    await quarter(4, `${y1}-03-30`, `${y1}-05-26`),
    await half(1, `${y0}-09-01`, `${y0}-12-28`),
    await half(2, `${y1}-01-12`, `${y1}-05-26`),
  ];
}

/** Autumn vacation, 4 November, and the extra February week for grade 1. */
export async function createHolidays(db: Db, schoolId: string, academicYearId: string, startYear = 2025) {
  return [
    await periods.createHoliday(db, schoolId, {
      academicYearId, name: 'Осенние каникулы', kind: 'vacation', startsOn: `${startYear}-10-25`, endsOn: `${startYear}-11-04`, gradeFrom: null, gradeTo: null,
    }),
    await periods.createHoliday(db, schoolId, {
      academicYearId, name: 'День народного единства', kind: 'holiday', startsOn: `${startYear}-11-04`, endsOn: `${startYear}-11-04`, gradeFrom: null, gradeTo: null,
    }),
    await periods.createHoliday(db, schoolId, {
      academicYearId, name: 'Дополнительные каникулы', kind: 'vacation', startsOn: `${startYear + 1}-02-16`, endsOn: `${startYear + 1}-02-22`, gradeFrom: 1, gradeTo: 1,
    }),
  ];
}

export const standardBells = [
  { lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' },
  { lessonNumber: 2, startsAt: '09:25', endsAt: '10:10' },
  { lessonNumber: 3, startsAt: '10:30', endsAt: '11:15' },
];

export const createBellSchedule = (db: Db, schoolId: string, academicYearId: string, name = 'Основное', isDefault = true) =>
  bells.createBellSchedule(db, schoolId, { academicYearId, name, isDefault, bells: standardBells });

/** How many rows of `table` the school has: refused writes must leave it unchanged. */
export async function countOf(db: Db, table: CountedTable, schoolId: string) {
  return (await db.select({ n: count() }).from(table).where(eq(table.schoolId, schoolId)))[0]!.n;
}
type CountedTable = typeof academicYears | typeof periodsTable | typeof holidaysTable | typeof bellSchedulesTable | typeof bellsTable;
