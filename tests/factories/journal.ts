import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { lessons } from '../../src/server/db/schema/timetable.ts';
import { attendance, attendanceTakings, markVersions, marks, workTypes } from '../../src/server/db/schema/journal.ts';
import { periodClosures } from '../../src/server/db/schema/grading.ts';
import * as enrolment from '../../src/server/modules/enrolment/service.ts';
import * as load from '../../src/server/modules/structure/loadService.ts';
import { createQuartersAndHalves, createYear } from './calendar.ts';
import { createSchool } from './organisation.ts';
import { createStaff, createStudent } from './people.ts';
import { admit, makeClass, makeSubject } from './structure.ts';
import { plannedTopics as plannedTopicsTable, timetableSlots as timetableSlotsTable } from '../../src/server/db/schema/timetable.ts';
import * as catalog from '../../src/server/modules/structure/catalogService.ts';
import { createBellSchedule, createHolidays } from './calendar.ts';
import { createTestApp } from '../support/testApp.ts';

// Journal rows for tests. Lessons are inserted straight into their table (the timetable module makes them in the app).

/** A lesson of a group's subject on a date, as the timetable would have produced it. */
export async function insertLesson(db: Db, fields: {
  schoolId: string; groupId: string; subjectId: string; staffId: string; date: string;
  lessonNumber?: number; status?: 'scheduled' | 'moved' | 'cancelled'; workTypeIds?: string[]; substituteStaffId?: string | null; topic?: string;
}) {
  const [row] = await db.insert(lessons).values({
    id: newId(), lessonNumber: 1, status: 'scheduled', workTypeIds: [], substituteStaffId: null, topic: '', ...fields,
  }).returning();
  return row!;
}

/** Closes a period as the deputy would (seed 001, 4.4.1): its journal is locked for teachers. */
export const closePeriod = (db: Db, schoolId: string, periodId: string, at = new Date('2025-10-25T10:00:00Z')) =>
  db.insert(periodClosures).values({ schoolId, periodId, closedAt: at });

/** How many marks, mark versions and attendance rows a school has: a refused write must leave them unchanged. */
export async function journalCounts(db: Db, schoolId: string) {
  const n = async (table: typeof marks | typeof markVersions | typeof attendance) =>
    (await db.select({ n: count() }).from(table).where(eq(table.schoolId, schoolId)))[0]!.n;
  return { marks: await n(marks), markVersions: await n(markVersions), attendance: await n(attendance) };
}

/** Every mark, attendance row and attendance taking of the school, for before/after comparisons. */
export async function journalRows(db: Db, schoolId: string) {
  return {
    marks: await db.select().from(marks).where(eq(marks.schoolId, schoolId)).orderBy(asc(marks.id)),
    attendance: await db.select().from(attendance).where(eq(attendance.schoolId, schoolId)).orderBy(asc(attendance.id)),
    attendanceTakings: await db.select().from(attendanceTakings).where(eq(attendanceTakings.schoolId, schoolId)).orderBy(asc(attendanceTakings.lessonId)),
  };
}

export const workTypeNamed = async (db: Db, schoolId: string, name: string) =>
  (await db.select().from(workTypes).where(and(eq(workTypes.schoolId, schoolId), eq(workTypes.name, name))))[0];

/**
 * A school in an open year 2025/26 with quarters: 5А (class teacher «Классная») learns Математика
 * from «Математикова» and Русский язык from «Русакова»; 5Б learns Математика from «Чужакова»;
 * «Заменова» teaches nothing. 5А has Антонов, Борисова and Васильев from 1 September, Григорьев
 * admitted on 1 October and Дмитриев expelled on 15 September.
 */
export async function journalWorld(db: Db) {
  const { school } = await createSchool(db);
  const { school: other } = await createSchool(db);
  const schoolId = school.id;
  const year = await createYear(db, schoolId, { startYear: 2025, status: 'open' });
  const [q1, q2] = await createQuartersAndHalves(db, schoolId, year.id);
  const staff = async (lastName: string) => createStaff(db, schoolId, { lastName });
  const [teacher, russianTeacher, stranger, substitute, classTeacher] = [
    await staff('Математикова'), await staff('Русакова'), await staff('Чужакова'), await staff('Заменова'), await staff('Классная'),
  ];
  const classA = await makeClass(db, schoolId, year.id, 5, 'А', { classTeacherId: classTeacher.id });
  const classB = await makeClass(db, schoolId, year.id, 5, 'Б');
  const maths = await makeSubject(db, schoolId, 'Математика');
  const russian = await makeSubject(db, schoolId, 'Русский язык');
  const assign = (staffId: string, groupId: string, subjectId: string) =>
    load.createAssignment(db, schoolId, { staffId, groupId, subjectId, periodId: null, hoursPerWeek: 4 });
  await assign(teacher.id, classA.groupId!, maths.id);
  await assign(russianTeacher.id, classA.groupId!, russian.id);
  await assign(stranger.id, classB.groupId!, maths.id);
  const pupil = async (lastName: string, firstName: string, startsOn = '2025-09-01') => {
    const student = await createStudent(db, schoolId, { lastName, firstName });
    const stay = await admit(db, schoolId, student.id, classA.id, startsOn);
    return { ...student, stayId: stay.id };
  };
  const antonov = await pupil('Антонов', 'Антон');
  const borisova = await pupil('Борисова', 'Бэлла');
  const vasiliev = await pupil('Васильев', 'Василий');
  const grigoriev = await pupil('Григорьев', 'Григорий', '2025-10-01');
  const dmitriev = await pupil('Дмитриев', 'Дмитрий');
  await enrolment.expel(db, schoolId, dmitriev.stayId, { on: '2025-09-15', orderNumber: '12-о', orderDate: '2025-09-15', reason: 'Переезд' });
  const pupilB = await createStudent(db, schoolId, { lastName: 'Бэшкин', firstName: 'Борис' });
  await admit(db, schoolId, pupilB.id, classB.id, '2025-09-01');
  const lesson = (date: string, extra: Partial<Parameters<typeof insertLesson>[1]> = {}) =>
    insertLesson(db, { schoolId, groupId: classA.groupId!, subjectId: maths.id, staffId: teacher.id, date, ...extra });
  return {
    schoolId, otherSchoolId: other.id, year, q1: q1!, q2: q2!, classA, classB, maths, russian,
    teacher, russianTeacher, stranger, substitute, classTeacher,
    students: { antonov, borisova, vasiliev, grigoriev, dmitriev, pupilB },
    lesson,
  };
}
export type JournalWorld = Awaited<ReturnType<typeof journalWorld>>;

// ---- Timetable (timetable module) ----

/**
 * A school in an open year 2025/26 (a 5- or 6-day week) with quarters, the autumn vacation
 * 25 October – 4 November and the extra February week (16–22 February) for grade 1, and the default
 * bells. 5А learns Математика from «Расписанова» and Русский язык from «Словесникова»; 1А learns
 * Чтение from «Букварёва»; «Заменова» teaches nothing. Rooms 101 and 102. A second school has its
 * own year, class, teacher, subject and room, for foreign ids.
 */
export async function timetableWorld(db: Db, options: { weekDays?: 5 | 6 } = {}) {
  const { school } = await createSchool(db);
  const schoolId = school.id;
  const year = await createYear(db, schoolId, { startYear: 2025, status: 'open', weekDays: options.weekDays ?? 5 });
  const [q1, q2] = await createQuartersAndHalves(db, schoolId, year.id);
  await createHolidays(db, schoolId, year.id);
  await createBellSchedule(db, schoolId, year.id);
  const staff = async (lastName: string) => createStaff(db, schoolId, { lastName });
  const [teacher, russianTeacher, readingTeacher, substitute] = [
    await staff('Расписанова'), await staff('Словесникова'), await staff('Букварёва'), await staff('Заменова'),
  ];
  const class5 = await makeClass(db, schoolId, year.id, 5, 'А');
  const class1 = await makeClass(db, schoolId, year.id, 1, 'А');
  const [maths, russian, reading] = [
    await makeSubject(db, schoolId, 'Математика'), await makeSubject(db, schoolId, 'Русский язык'), await makeSubject(db, schoolId, 'Чтение'),
  ];
  const assign = (staffId: string, groupId: string, subjectId: string) =>
    load.createAssignment(db, schoolId, { staffId, groupId, subjectId, periodId: null, hoursPerWeek: 4 });
  await assign(teacher.id, class5.groupId!, maths.id);
  await assign(russianTeacher.id, class5.groupId!, russian.id);
  await assign(readingTeacher.id, class1.groupId!, reading.id);
  const room = (name: string) => catalog.createRoom(db, schoolId, { name, capacity: 30, note: '' });
  const [room101, room102] = [await room('101'), await room('102')];

  const { school: other } = await createSchool(db);
  const otherYear = await createYear(db, other.id, { startYear: 2025, status: 'open' });
  const otherClass = await makeClass(db, other.id, otherYear.id, 5, 'А');
  const otherTeacher = await createStaff(db, other.id, { lastName: 'Чужая' });
  const otherSubject = await makeSubject(db, other.id, 'Математика');
  await load.createAssignment(db, other.id, { staffId: otherTeacher.id, groupId: otherClass.groupId!, subjectId: otherSubject.id, periodId: null, hoursPerWeek: 4 });
  const otherRoom = await catalog.createRoom(db, other.id, { name: '101', capacity: null, note: '' });

  return {
    schoolId, year, q1: q1!, q2: q2!, class5, class1, maths, russian, reading, teacher, russianTeacher, readingTeacher, substitute, room101, room102,
    other: { schoolId: other.id, year: otherYear, class: otherClass, teacher: otherTeacher, subject: otherSubject, room: otherRoom },
    /** A slot body for 5А's Математика on Monday, lesson 1, the whole year. */
    slotBody: (extra: Record<string, unknown> = {}) => ({
      groupId: class5.groupId, subjectId: maths.id, staffId: teacher.id, roomId: room101.id, weekday: 1, lessonNumber: 1,
      validFrom: '2025-09-01', validTo: '2026-05-31', ...extra,
    }),
  };
}
export type TimetableWorld = Awaited<ReturnType<typeof timetableWorld>>;

/** Every timetable slot, lesson and КТП topic of the school, ordered: refused writes must leave them unchanged. */
export async function timetableRows(db: Db, schoolId: string) {
  return {
    slots: await db.select().from(timetableSlotsTable).where(eq(timetableSlotsTable.schoolId, schoolId)).orderBy(asc(timetableSlotsTable.id)),
    lessons: await db.select().from(lessons).where(eq(lessons.schoolId, schoolId)).orderBy(asc(lessons.id)),
    topics: await db.select().from(plannedTopicsTable).where(eq(plannedTopicsTable.schoolId, schoolId)).orderBy(asc(plannedTopicsTable.id)),
  };
}

/** The lessons of a group's subject, by date and number. */
export const lessonsOfGroup = (db: Db, schoolId: string, groupId: string, subjectId?: string) =>
  db.select().from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.groupId, groupId), subjectId ? eq(lessons.subjectId, subjectId) : undefined))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));

/** A work type of the school, inserted straight into its table. */
export async function insertWorkType(db: Db, schoolId: string, name = 'Ответ на уроке', weight = 1) {
  const [row] = await db.insert(workTypes).values({ schoolId, id: newId(), name, weight }).returning();
  return row!;
}

/** A test app whose clock is `now`, with the timetable world in it, and the world's school API path. */
export async function timetableApp(now: () => Date) {
  const t = await createTestApp({ now });
  const w = await timetableWorld(t.database.db);
  return { t, w, base: `/api/v1/schools/${w.schoolId}` };
}

/**
 * A mark waits for its lesson to begin: a test whose clock stands before a lesson writes its marks
 * with the clock moved to that lesson's time (a day 'YYYY-MM-DD' is its noon UTC, or an exact
 * instant), then puts the clock back.
 */
export async function atLessonTime<T>(clock: Date, moment: string, write: () => Promise<T>): Promise<T> {
  const saved = clock.getTime();
  clock.setTime(Date.parse(moment.length === 10 ? `${moment}T12:00:00Z` : moment));
  try {
    return await write();
  } finally {
    clock.setTime(saved);
  }
}
