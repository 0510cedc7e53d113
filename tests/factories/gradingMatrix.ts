import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { periods } from '../../src/server/db/schema/calendar.ts';
import { examSubjects, gradingPolicies, periodClosures, periodMarkAccepts, periodMarks, periodReopenings } from '../../src/server/db/schema/grading.ts';
import { marks, workTypes } from '../../src/server/db/schema/journal.ts';
import { subjects } from '../../src/server/db/schema/structure.ts';
import { lessons } from '../../src/server/db/schema/timetable.ts';
import { acceptPreview } from '../../src/server/modules/grading/acceptService.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import { inYear, type MatrixCall, type MatrixSide, schoolPath } from './policy.ts';

// The grading module's endpoints for the authorisation matrix (src/server/policy/matrix.test.ts).

type Side = MatrixSide;
const school = schoolPath;
let counter = 0;

/** A first quarter of the side's year for every grade, inserted straight into the calendar. */
async function insertPeriod(db: Db, s: Side) {
  const [row] = await db.insert(periods).values({
    schoolId: s.schoolId, id: newId(), academicYearId: s.yearId, name: `Матрица ${++counter}`, kind: 'quarter',
    gradeFrom: 1, gradeTo: 11, startsOn: inYear('09-01'), endsOn: inYear('10-24'),
  }).returning();
  return row!.id;
}

/** One period per school for reads and marks; a fresh one per call where a success changes its state. */
const shared = new Map<string, string>();
const sharedPeriod = async (db: Db, s: Side) => shared.get(s.schoolId) ?? shared.set(s.schoolId, await insertPeriod(db, s)).get(s.schoolId)!;
const fresh = new Map<string, string>();

const mathOf = async (db: Db, s: Side) =>
  (await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, s.schoolId), eq(subjects.name, 'Математика'))))[0]?.id
    ?? '01900000-0000-7000-8000-000000000000';

/**
 * «Принять предложенные» on a fresh period: the side's student gets three fives in it (a «5» to
 * accept whatever the date), and the body is what the preview shows (a made-up item where there is none).
 */
async function acceptBody(db: Db, s: Side) {
  const subjectId = await mathOf(db, s);
  const periodId = await insertPeriod(db, s);
  const [subject] = await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, s.schoolId), eq(subjects.id, subjectId)));
  if (subject) {
    const [workType] = await db.insert(workTypes).values({ schoolId: s.schoolId, id: newId(), name: `Ответ (матрица) ${++counter}`, weight: 1 }).returning();
    const [lesson] = await db.insert(lessons).values({
      schoolId: s.schoolId, id: newId(), groupId: s.groupId, subjectId, staffId: s.staffId, date: inYear('09-02'), lessonNumber: 1 + (++counter % 8),
    }).returning();
    await db.insert(marks).values(['5', '5', '5'].map((value) => ({
      schoolId: s.schoolId, id: newId(), lessonId: lesson!.id, studentId: s.studentId, workTypeId: workType!.id, weight: 1, scale: 'five', value,
    })));
  }
  const target = { groupId: s.groupId, subjectId, periodId };
  const preview = await acceptPreview(db, s.schoolId, target, new Date()).catch(() => null);
  const items = preview?.items.map((i) => ({ studentId: i.student.id, value: i.value, ...(i.current ? { version: i.current.version } : {}) }));
  return { ...target, items: items?.length ? items : [{ studentId: s.studentId, value: '5' }] };
}

/** A fresh batch on the side's year sheet, accepted by the caller himself (the author check is the API tests'). */
const batches = new Map<string, string>();
async function batchOf(db: Db, s: Side, actor: Actor | null) {
  let [subject] = await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, s.schoolId), eq(subjects.name, 'Математика')));
  subject ??= (await db.insert(subjects).values({ schoolId: s.schoolId, id: newId(), name: 'Математика', shortName: 'Мат' }).returning())[0]!;
  const [row] = await db.insert(periodMarkAccepts).values({
    schoolId: s.schoolId, id: newId(), groupId: s.groupId, subjectId: subject.id, periodId: null, academicYearId: s.yearId,
    authorUserId: actor?.userId ?? newId(), createdAt: new Date(), undoUntil: new Date(Date.now() + 10 * 60_000), items: [],
  }).returning();
  batches.set(s.schoolId, row!.id);
  return {};
}

/** A subject of the side's school, made once (the other school has no «Математика»). */
const examined = new Map<string, string>();
async function examinedSubject(db: Db, s: Side) {
  const known = examined.get(s.schoolId);
  if (known) return known;
  const [row] = await db.insert(subjects).values({ schoolId: s.schoolId, id: newId(), name: `Экзамен (матрица) ${++counter}`, shortName: 'Экз' }).returning();
  examined.set(s.schoolId, row!.id);
  return row!.id;
}

const rowsOf = (table: typeof examSubjects | typeof gradingPolicies | typeof periodMarks | typeof periodClosures | typeof periodReopenings | typeof periodMarkAccepts) =>
  (db: Db, s: Side) => db.select().from(table).where(eq(table.schoolId, s.schoolId));

export const GRADING_MATRIX = {
  //                     admin director deputy teacher classT student guardian municipal otherAdmin platform none
  'gradingPolicy.read':  'AA4 AA4 AA4 AA4 AA4 AA4 AA4 444 44A 444 UUU',
  'gradingPolicy.write': 'AA4 334 AA4 334 334 334 334 444 44A 444 UUU',
  'periodMark.write':    '334 334 334 A44 344 334 334 444 443 444 UUU',
  'periodMark.accept':   '334 334 334 A44 344 334 334 444 443 444 UUU',
  'periodMark.undo':     '334 334 334 A44 344 334 334 444 443 444 UUU',
  'examSubject.write':   'AA4 334 AA4 334 334 334 334 444 44A 444 UUU',
  'period.close':        'AA4 AA4 AA4 334 334 334 334 444 44A 444 UUU',
  'period.reopen':       '334 AA4 AA4 334 334 334 334 444 443 444 UUU',
  'periodClosure.read':  'AA4 AA4 AA4 AA4 AA4 334 334 444 44A 444 UUU',
};

export const GRADING_CALLS: Record<keyof typeof GRADING_MATRIX, MatrixCall> = {
  'gradingPolicy.read': { method: 'GET', path: (s) => `${school(s)}/grading-policy`, ok: 200 },
  'gradingPolicy.write': {
    method: 'PUT', path: (s) => `${school(s)}/grading-policy`, ok: 200,
    body: () => ({ thresholds: { '3': 2.5, '4': 3.5, '5': 4.6 } }),
    rows: rowsOf(gradingPolicies),
  },
  'periodMark.write': {
    method: 'PUT', path: (s) => `${school(s)}/period-marks`, ok: 200,
    body: async (s, db) => ({ groupId: s.groupId, subjectId: await mathOf(db, s), periodId: await sharedPeriod(db, s), studentId: s.studentId, value: '5' }),
    rows: rowsOf(periodMarks),
  },
  'periodMark.accept': {
    method: 'POST', path: (s) => `${school(s)}/period-marks/accept`, ok: 201,
    body: (s, db) => acceptBody(db, s),
    rows: rowsOf(periodMarks),
  },
  'periodMark.undo': {
    method: 'POST', path: (s) => `${school(s)}/period-marks/accepts/${batches.get(s.schoolId)}/undo`, ok: 200,
    body: (s, db, actor) => batchOf(db, s, actor),
    rows: rowsOf(periodMarkAccepts),
  },
  'examSubject.write': {
    method: 'PUT', path: (s) => `${school(s)}/exam-subjects`, ok: 200,
    body: async (s, db) => ({ groupId: s.groupId, subjectId: await examinedSubject(db, s), exam: true }),
    rows: rowsOf(examSubjects),
  },
  // A success closes its period: every call closes a fresh one.
  'period.close': {
    method: 'POST', path: (s) => `${school(s)}/periods/${fresh.get(s.schoolId)}/close`, ok: 201,
    body: async (s, db) => { fresh.set(s.schoolId, await insertPeriod(db, s)); return {}; },
    rows: rowsOf(periodClosures),
  },
  'period.reopen': {
    method: 'POST', path: (s) => `${school(s)}/periods/${fresh.get(s.schoolId)}/reopen`, ok: 201,
    body: async (s, db) => {
      const periodId = await insertPeriod(db, s);
      await db.insert(periodClosures).values({ schoolId: s.schoolId, periodId, closedBy: null, closedAt: new Date() });
      fresh.set(s.schoolId, periodId);
      return { groupId: s.groupId, fromDate: inYear('09-10'), toDate: inYear('09-20'), reason: 'Исправление по заявлению', hours: 1 };
    },
    rows: rowsOf(periodReopenings),
  },
  'periodClosure.read': {
    method: 'GET', path: (s) => `${school(s)}/periods/${shared.get(s.schoolId)}/closure`, ok: 200,
    body: async (s, db) => { await sharedPeriod(db, s); return undefined; },
  },
};

/** More endpoints under an action that already has its row (tried with that row): what is open before closing is for who closes. */
export const GRADING_MORE_CALLS: [name: string, action: keyof typeof GRADING_MATRIX, call: MatrixCall][] = [
  ['period.close (preview)', 'period.close', {
    method: 'GET', path: (s) => `${school(s)}/periods/${shared.get(s.schoolId)}/closure/preview`, ok: 200,
    body: async (s, db) => { await sharedPeriod(db, s); return undefined; },
  }],
];
