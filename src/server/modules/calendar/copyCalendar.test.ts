import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYears, bellSchedules, bells, holidays, periods } from '../../db/schema/calendar.ts';
import {
  countOf, createBellSchedule, createHolidays, createQuartersAndHalves, createYear,
} from '../../../../tests/factories/calendar.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/testApp.ts';
import * as bellService from './bellsService.ts';
import * as periodService from './periodsService.ts';
import { copyCalendarToYear, getPeriod } from './service.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
/** A school with an open 2025/2026 year (six-day week) and a full calendar in it. */
async function schoolWithCalendar() {
  const { school } = await createSchool(db());
  const from = await createYear(db(), school.id, { startYear: 2025, status: 'open', weekDays: 6 });
  const terms = await createQuartersAndHalves(db(), school.id, from.id);
  await createHolidays(db(), school.id, from.id);
  await periodService.createHoliday(db(), school.id, {
    academicYearId: from.id, name: 'Праздник Весны и Труда', kind: 'holiday', startsOn: '2026-05-01', endsOn: '2026-05-01', gradeFrom: null, gradeTo: null,
  });
  await createBellSchedule(db(), school.id, from.id, 'Основное', true);
  await bellService.createBellSchedule(db(), school.id, {
    academicYearId: from.id, name: 'Сокращённое', isDefault: false, bells: [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:00' }],
  });
  return { school, from, terms };
}

const snapshot = async (schoolId: string) => Promise.all(
  [academicYears, periods, holidays, bellSchedules, bells].map((table) => countOf(db(), table, schoolId)),
);

const byName = <T extends { name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('copying a calendar into the next year', () => {
  it('moves periods and vacations by the days between the starts, public holidays by whole years, and copies the bells', async () => {
    const { school, from, terms } = await schoolWithCalendar();
    // 31 August 2026 is a Monday: the new year starts 364 days after 1 September 2025, on the same weekday.
    const copied = await db().transaction((tx) =>
      copyCalendarToYear(tx, school.id, from.id, { name: '2026/2027', startsOn: '2026-08-31', endsOn: '2027-05-31' }));
    expect(copied.year).toMatchObject({ name: '2026/2027', startsOn: '2026-08-31', endsOn: '2027-05-31', status: 'planning', weekDays: 6 });
    expect(copied.counts).toEqual({ periods: 6, holidays: 4, bellSchedules: 2, bells: 4 });

    const newPeriods = byName(await periodService.listPeriods(db(), school.id, { academicYearId: copied.year.id }, undefined, 50));
    expect(newPeriods['1 четверть']).toMatchObject({ kind: 'quarter', gradeFrom: 1, gradeTo: 9, startsOn: '2026-08-31', endsOn: '2026-10-23' });
    expect(newPeriods['4 четверть']).toMatchObject({ startsOn: '2027-03-29', endsOn: '2027-05-25' });
    expect(newPeriods['2 полугодие']).toMatchObject({ kind: 'half', gradeFrom: 10, gradeTo: 11, startsOn: '2027-01-11', endsOn: '2027-05-25' });
    expect(copied.periodIds.size).toBe(6);
    for (const term of terms) {
      const copy = await getPeriod(db(), school.id, copied.periodIds.get(term.id)!);
      expect(copy).toMatchObject({ name: term.name, academicYearId: copied.year.id });
    }

    const newHolidays = byName(await periodService.listHolidays(db(), school.id, { academicYearId: copied.year.id }, undefined, 50));
    expect(newHolidays['Осенние каникулы']).toMatchObject({ kind: 'vacation', startsOn: '2026-10-24', endsOn: '2026-11-03' });
    expect(newHolidays['Дополнительные каникулы']).toMatchObject({ startsOn: '2027-02-15', endsOn: '2027-02-21', gradeFrom: 1, gradeTo: 1 });
    expect(newHolidays['День народного единства']).toMatchObject({ kind: 'holiday', startsOn: '2026-11-04', endsOn: '2026-11-04' });
    expect(newHolidays['Праздник Весны и Труда']).toMatchObject({ startsOn: '2027-05-01', endsOn: '2027-05-01' });

    const schedules = byName(await bellService.listBellSchedules(db(), school.id, { academicYearId: copied.year.id }, undefined, 50));
    expect(schedules['Основное']).toMatchObject({ isDefault: true });
    expect(schedules['Основное']!.bells.map((b) => [b.lessonNumber, b.startsAt, b.endsAt]))
      .toEqual([[1, '08:30:00', '09:15:00'], [2, '09:25:00', '10:10:00'], [3, '10:30:00', '11:15:00']]);
    expect(schedules['Сокращённое']).toMatchObject({ isDefault: false });
    expect(schedules['Сокращённое']!.bells).toHaveLength(1);

    // The old year keeps its calendar untouched.
    expect(await countOf(db(), periods, school.id)).toBe(12);
    expect((await getPeriod(db(), school.id, terms[0]!.id)).startsOn).toBe('2025-09-01');
  });

  it('clips what sticks out of a shorter new year and drops what lies wholly outside it', async () => {
    const { school, from, terms } = await schoolWithCalendar();
    const lastDays = await periodService.createPeriod(db(), school.id, {
      academicYearId: from.id, name: 'Зачётная неделя', kind: 'semester', gradeFrom: 12, gradeTo: 12, startsOn: '2026-05-27', endsOn: '2026-05-31',
    });
    const copied = await db().transaction((tx) =>
      copyCalendarToYear(tx, school.id, from.id, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-04-30' }));
    // 4th quarter (30.03–26.05 → 30.03–26.05.2027) is clipped to the year's end; the week after 26 May is dropped.
    expect(copied.counts).toMatchObject({ periods: 6, holidays: 3 });
    expect(copied.periodIds.has(lastDays.id)).toBe(false);
    const fourth = await getPeriod(db(), school.id, copied.periodIds.get(terms[3]!.id)!);
    expect(fourth).toMatchObject({ startsOn: '2027-03-30', endsOn: '2027-04-30' });
    const names = (await periodService.listHolidays(db(), school.id, { academicYearId: copied.year.id }, undefined, 50)).map((h) => h.name);
    expect(names).not.toContain('Праздник Весны и Труда');
  });

  it('runs the same number of queries however big the calendar is', async () => {
    const queriesFor = async (schoolId: string, fromYearId: string) => {
      let queries = 0;
      await db().transaction(async (tx) => {
        const counted = new Proxy(tx, {
          get(target, prop, receiver) {
            if (['select', 'insert', 'update', 'delete', 'execute'].includes(String(prop))) queries++;
            return Reflect.get(target, prop, receiver);
          },
        });
        await copyCalendarToYear(counted, schoolId, fromYearId, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' });
      });
      return queries;
    };
    const small = await schoolWithCalendar();
    const { school: bigSchool } = await createSchool(db());
    const big = await createYear(db(), bigSchool.id, { startYear: 2025 });
    await createQuartersAndHalves(db(), bigSchool.id, big.id);
    for (let grade = 1; grade <= 12; grade++) {
      await periodService.createHoliday(db(), bigSchool.id, {
        academicYearId: big.id, name: `Каникулы ${grade} кл.`, kind: 'vacation', startsOn: '2026-02-16', endsOn: '2026-02-22', gradeFrom: grade, gradeTo: grade,
      });
      await createBellSchedule(db(), bigSchool.id, big.id, `Расписание ${grade}`, false);
    }
    const smallQueries = await queriesFor(small.school.id, small.from.id);
    expect(smallQueries).toBeGreaterThanOrEqual(8);
    expect(smallQueries).toBeLessThanOrEqual(12);
    expect(await queriesFor(bigSchool.id, big.id)).toBe(smallQueries);
  });

  it('copies an empty calendar into a bare new year', async () => {
    const { school } = await createSchool(db());
    const from = await createYear(db(), school.id, { startYear: 2025, status: 'closed' });
    const copied = await db().transaction((tx) =>
      copyCalendarToYear(tx, school.id, from.id, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' }));
    expect(copied.counts).toEqual({ periods: 0, holidays: 0, bellSchedules: 0, bells: 0 });
    expect(copied.year.weekDays).toBe(5);
    expect(copied.periodIds.size).toBe(0);
  });

  it('refuses a new year overlapping the old one or another year, or repeating a name, and creates nothing', async () => {
    const { school, from } = await schoolWithCalendar();
    await createYear(db(), school.id, { startYear: 2027 });
    const before = await snapshot(school.id);
    const attempts = [
      { name: '2026/2027', startsOn: '2026-05-01', endsOn: '2027-04-30', code: 'academic_year.overlap' },
      { name: '2026/2027', startsOn: '2026-09-15', endsOn: '2027-09-05', code: 'academic_year.overlap' },
      { name: '2025/2026', startsOn: '2026-06-01', endsOn: '2027-05-31', code: 'conflict.duplicate' },
      { name: '2026/2027', startsOn: '2027-05-31', endsOn: '2026-09-01', code: 'validation.failed' },
    ];
    for (const { code, ...newYear } of attempts) {
      await expect(db().transaction((tx) => copyCalendarToYear(tx, school.id, from.id, newYear))).rejects.toMatchObject({ code });
    }
    expect(await snapshot(school.id)).toEqual(before);
  });

  it('answers 404 for an unknown year or a year of another school', async () => {
    const { school } = await schoolWithCalendar();
    const { school: other, from: foreign } = await schoolWithCalendar();
    const before = await snapshot(school.id);
    const otherBefore = await snapshot(other.id);
    for (const fromYearId of [unknownId, foreign.id]) {
      await expect(db().transaction((tx) =>
        copyCalendarToYear(tx, school.id, fromYearId, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' })))
        .rejects.toMatchObject({ code: 'academic_year.not_found', status: 404 });
    }
    expect(await snapshot(school.id)).toEqual(before);
    expect(await snapshot(other.id)).toEqual(otherBefore);
  });
});
