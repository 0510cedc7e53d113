import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { periods } from '../../src/server/db/schema/calendar.ts';
import { lessons } from '../../src/server/db/schema/timetable.ts';
import { attendance, workTypes } from '../../src/server/db/schema/journal.ts';
import { subjects } from '../../src/server/db/schema/structure.ts';
import { inYear, type MatrixCall, type MatrixSide, schoolPath } from './policy.ts';

// The journal module's endpoints for the authorisation matrix (src/server/policy/matrix.test.ts).

type Side = MatrixSide;
const school = schoolPath;
let counter = 0;

/** A subject and a first quarter per school, made once, for the journal page. */
const pages = new Map<string, { subjectId: string; periodId: string }>();
async function pageOf(db: Db, s: Side) {
  const known = pages.get(s.schoolId);
  if (known) return known;
  const [subject] = await db.insert(subjects).values({ schoolId: s.schoolId, id: newId(), name: 'Журнал (матрица)', shortName: 'Журнал' }).returning();
  const [period] = await db.insert(periods).values({
    schoolId: s.schoolId, id: newId(), academicYearId: s.yearId, name: 'Журнал (матрица)', kind: 'quarter',
    gradeFrom: 1, gradeTo: 11, startsOn: inYear('09-01'), endsOn: inYear('10-24'),
  }).returning();
  const page = { subjectId: subject!.id, periodId: period!.id };
  pages.set(s.schoolId, page);
  return page;
}

/** A fresh absence of the side's student in a lesson of his class, for the class teacher to confirm. */
async function absenceOf(db: Db, s: Side) {
  const { subjectId } = await pageOf(db, s);
  const [lesson] = await db.insert(lessons).values({
    schoolId: s.schoolId, id: newId(), groupId: s.groupId, subjectId, staffId: s.staffId, date: inYear('09-10'), lessonNumber: 1 + (++counter % 10),
  }).returning();
  const [row] = await db.insert(attendance).values({
    schoolId: s.schoolId, id: newId(), lessonId: lesson!.id, studentId: s.studentId, code: 'absent', recordedBy: newId(), recordedAt: new Date(),
  }).returning();
  return row!.id;
}

export const JOURNAL_MATRIX = {
  //                     admin director deputy teacher classT student guardian municipal otherAdmin platform none
  'journal.read':        'AA4 AA4 AA4 A44 A44 334 334 444 44A 444 UUU',
  'workType.read':       'AA4 AA4 AA4 AA4 AA4 334 334 444 44A 444 UUU',
  'workType.write':      'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'attendance.confirm':  'AA4 334 AA4 444 A44 334 334 444 44A 444 UUU',
};

export const JOURNAL_CALLS: Record<keyof typeof JOURNAL_MATRIX, MatrixCall> = {
  'journal.read': {
    method: 'GET', ok: 200,
    path: (s) => `${school(s)}/journal?groupId=${s.groupId}&subjectId=${pages.get(s.schoolId)!.subjectId}&periodId=${pages.get(s.schoolId)!.periodId}`,
    body: async (s, db) => { await pageOf(db, s); return undefined; },
  },
  'workType.read': { method: 'GET', path: (s) => `${school(s)}/work-types`, ok: 200 },
  'workType.write': {
    method: 'POST', path: (s) => `${school(s)}/work-types`, ok: 201,
    body: () => ({ name: `Вид работы ${++counter}`, weight: 1.5 }),
    rows: (db, s) => db.select().from(workTypes).where(eq(workTypes.schoolId, s.schoolId)).orderBy(workTypes.id),
  },
  'attendance.confirm': {
    method: 'POST', path: (s) => `${school(s)}/classes/${s.classId}/absences/confirm`, ok: 200,
    body: async (s, db) => ({ ids: [await absenceOf(db, s)] }),
    rows: (db, s) => db.select().from(attendance).where(and(eq(attendance.schoolId, s.schoolId))).orderBy(attendance.id),
  },
};

/** Further endpoints tried under the journal's rows: the printed journal pages read as the journal does (issue 13). */
export const JOURNAL_MORE_CALLS: [string, keyof typeof JOURNAL_MATRIX, MatrixCall][] = [
  ['journal.read (printed pages)', 'journal.read', {
    method: 'GET', ok: 200,
    path: (s) => `${school(s)}/reports/journal-pages.pdf?groupId=${s.groupId}&subjectId=${pages.get(s.schoolId)!.subjectId}&from=${inYear('09-01')}&to=${inYear('10-24')}`,
    body: async (s, db) => { await pageOf(db, s); return undefined; },
  }],
];
