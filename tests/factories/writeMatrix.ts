import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { users } from '../../src/server/db/schema/accounts.ts';
import { auditReviews, compromiseReports } from '../../src/server/db/schema/audit.ts';
import { classDataChecks, controlRemarks } from '../../src/server/db/schema/control.ts';
import { homework } from '../../src/server/db/schema/homework.ts';
import { attendance, attendanceTakings, marks, workTypes } from '../../src/server/db/schema/journal.ts';
import { VOID_REASON, voidJournalOf } from '../../src/server/modules/audit/compromiseJournal.ts';
import { voidEntriesOf } from '../../src/server/modules/audit/compromiseQueries.ts';
import { assignments, subjects } from '../../src/server/db/schema/structure.ts';
import { lessons, plannedTopics } from '../../src/server/db/schema/timetable.ts';
import { inYear, type MatrixCall, type MatrixSide, schoolPath } from './policy.ts';

// Writes into the journal (marks, attendance, lessons, homework, the thematic plan) for the
// authorisation matrix (src/server/policy/matrix.test.ts). Each call gets a fresh lesson of the
// side's group: for the own side in the subject its teacher is assigned, elsewhere in a subject nobody teaches.

type Side = MatrixSide;
const school = schoolPath;
let counter = 0;

/** The subject of the side's group (its teacher's, if it has one) and a work type, made once per school. */
const setups = new Map<string, { subjectId: string; workTypeId: string }>();
async function setupOf(db: Db, s: Side) {
  const key = `${s.schoolId}/${s.groupId}`;
  const known = setups.get(key);
  if (known) return known;
  const [assigned] = await db.select({ subjectId: assignments.subjectId }).from(assignments)
    .where(and(eq(assignments.schoolId, s.schoolId), eq(assignments.groupId, s.groupId))).limit(1);
  const subjectId = assigned?.subjectId
    ?? (await db.insert(subjects).values({ schoolId: s.schoolId, id: newId(), name: `Запись (матрица) ${++counter}`, shortName: 'Запись' }).returning())[0]!.id;
  const [workType] = await db.insert(workTypes).values({ schoolId: s.schoolId, id: newId(), name: `Работа (матрица) ${++counter}`, weight: 1 }).returning();
  const setup = { subjectId, workTypeId: workType!.id };
  setups.set(key, setup);
  return setup;
}

/** The lesson of the current call, per side. */
const current = new Map<string, string>();
async function freshLesson(db: Db, s: Side) {
  const { subjectId } = await setupOf(db, s);
  const n = ++counter;
  const [lesson] = await db.insert(lessons).values({
    schoolId: s.schoolId, id: newId(), groupId: s.groupId, subjectId, staffId: s.staffId,
    date: inYear(`09-${String(1 + (n % 28)).padStart(2, '0')}`), lessonNumber: 1 + Math.floor(n / 28) % 8,
  }).returning();
  current.set(s.schoolId + s.groupId, lesson!.id);
  return lesson!;
}
const lessonPath = (s: Side) => `${school(s)}/lessons/${current.get(s.schoolId + s.groupId)}`;

/**
 * A mark made on a fresh lesson by a throwaway login, then that login reported compromised (the
 * mark voided at once): the report and the mark's change of the current call, per side.
 */
const voided = new Map<string, { reportId: string; seq: number }>();
async function voidedMark(db: Db, s: Side) {
  const lesson = await freshLesson(db, s);
  const userId = newId();
  await db.insert(users).values({ id: userId, login: `matrix.${userId}`, passwordHash: null, displayName: 'Матрица' });
  const markId = newId();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('klassny.actor_user_id', ${userId}, true)`);
    await tx.insert(marks).values({
      schoolId: s.schoolId, id: markId, lessonId: lesson.id, studentId: s.studentId, workTypeId: (await setupOf(db, s)).workTypeId,
      weight: 1, scale: 'five', value: '2', authorUserId: userId,
    });
  });
  const reportId = newId();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(compromiseReports).values({ schoolId: s.schoolId, id: reportId, userId, reportedBy: userId, reportedAt: now, since: new Date(now.getTime() - 60_000) });
    await voidEntriesOf(tx, s.schoolId, reportId, userId, new Date(now.getTime() - 60_000));
    await tx.execute(sql`select set_config('klassny.reason', ${VOID_REASON}, true)`);
    await voidJournalOf(tx, s.schoolId, reportId, userId, { userId, now });
  });
  const [review] = await db.select({ seq: auditReviews.seq }).from(auditReviews)
    .where(and(eq(auditReviews.schoolId, s.schoolId), eq(auditReviews.reportId, reportId))).orderBy(auditReviews.seq).limit(1);
  voided.set(s.schoolId + s.groupId, { reportId, seq: review!.seq });
}
const voidedPath = (s: Side, what: string) => {
  const v = voided.get(s.schoolId + s.groupId)!;
  return `${school(s)}/compromise-reports/${v.reportId}/entries/${v.seq}/${what}`;
};
const reviewsAndMarks = async (db: Db, s: Side) => ({
  reviews: await db.select().from(auditReviews).where(eq(auditReviews.schoolId, s.schoolId)).orderBy(auditReviews.seq),
  marks: await db.select().from(marks).where(eq(marks.schoolId, s.schoolId)).orderBy(marks.id),
});

export const WRITE_MATRIX = {
  //                       admin director deputy teacher classT student guardian municipal otherAdmin platform none
  'mark.write':            '334 334 334 A44 344 334 334 444 443 444 UUU',
  'attendance.write':      '334 334 334 A44 344 334 334 444 443 444 UUU',
  'lesson.write':          '334 334 334 A44 344 344 344 444 443 444 UUU',
  'homework.write':        '334 334 334 A44 344 444 444 444 443 444 UUU',
  'thematicPlan.write':    '334 334 334 A44 344 334 334 444 443 444 UUU',
  // A remark on a flag (seed 001, 6.2): the deputy, the director, the admin; never a teacher, student or parent.
  'control.remark':        'AA4 AA4 AA4 334 334 334 334 444 44A 444 UUU',
  // The class's personal data checked (seed 001, 3.3): its class teacher and the admin; another class is hidden.
  'class.dataCheck':       'AA4 334 334 444 A44 334 334 444 44A 444 UUU',
  // Seed 003, 4.4: the school's administrator decides on a compromised login's voided journal changes.
  'compromise.restore':    'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'compromise.confirm':    'AA4 334 334 334 334 334 334 444 44A 444 UUU',
};

export const WRITE_CALLS: Record<keyof typeof WRITE_MATRIX, MatrixCall> = {
  'mark.write': {
    method: 'POST', path: (s) => `${lessonPath(s)}/marks`, ok: 201,
    body: async (s, db) => {
      await freshLesson(db, s);
      return { studentId: s.studentId, workTypeId: (await setupOf(db, s)).workTypeId, value: '5' };
    },
    rows: (db, s) => db.select().from(marks).where(eq(marks.schoolId, s.schoolId)).orderBy(marks.id),
  },
  'attendance.write': {
    method: 'PUT', path: (s) => `${lessonPath(s)}/attendance/${s.studentId}`, ok: 200,
    body: async (s, db) => { await freshLesson(db, s); return { code: 'absent' }; },
    rows: (db, s) => db.select().from(attendance).where(eq(attendance.schoolId, s.schoolId)).orderBy(attendance.id),
  },
  'lesson.write': {
    method: 'PATCH', path: lessonPath, ok: 200,
    body: async (s, db) => { await freshLesson(db, s); return { version: 1, topic: 'Дроби' }; },
    rows: (db, s) => db.select().from(lessons).where(eq(lessons.schoolId, s.schoolId)).orderBy(lessons.id),
  },
  'homework.write': {
    method: 'POST', path: (s) => `${lessonPath(s)}/homework`, ok: 201,
    body: async (s, db) => { const lesson = await freshLesson(db, s); return { text: '№ 12, 14', dueDate: lesson.date }; },
    rows: (db, s) => db.select().from(homework).where(eq(homework.schoolId, s.schoolId)).orderBy(homework.id),
  },
  'thematicPlan.write': {
    method: 'POST', path: (s) => `${school(s)}/planned-topics`, ok: 201,
    body: async (s, db) => ({ groupId: s.groupId, subjectId: (await setupOf(db, s)).subjectId, ordinal: ++counter, title: 'Натуральные числа' }),
    rows: (db, s) => db.select().from(plannedTopics).where(eq(plannedTopics.schoolId, s.schoolId)).orderBy(plannedTopics.id),
  },
  'control.remark': {
    method: 'POST', path: (s) => `${school(s)}/control/remarks`, ok: 201,
    body: async (s, db) => {
      const lesson = await freshLesson(db, s);
      return { kind: 'topic_missing', lessonId: lesson.id, text: 'Заполните темы уроков до пятницы' };
    },
    rows: (db, s) => db.select().from(controlRemarks).where(eq(controlRemarks.schoolId, s.schoolId)).orderBy(controlRemarks.id),
  },
  'class.dataCheck': {
    method: 'POST', path: (s) => `${school(s)}/classes/${s.classId}/data-checks`, ok: 201,
    rows: (db, s) => db.select().from(classDataChecks).where(eq(classDataChecks.schoolId, s.schoolId)).orderBy(classDataChecks.id),
  },
  'compromise.restore': {
    method: 'POST', path: (s) => voidedPath(s, 'restore'), ok: 200,
    body: async (s, db) => { await voidedMark(db, s); return {}; },
    rows: reviewsAndMarks,
  },
  'compromise.confirm': {
    method: 'POST', path: (s) => voidedPath(s, 'confirm'), ok: 200,
    body: async (s, db) => { await voidedMark(db, s); return {}; },
    rows: reviewsAndMarks,
  },
};

/**
 * More endpoints under an action that already has its row: each is tried with that action's row of
 * WRITE_MATRIX (same callers, same statuses). «Все присутствуют» is an attendance write (seed 003, 2.5).
 */
export const WRITE_MORE_CALLS: [name: string, action: keyof typeof WRITE_MATRIX, call: MatrixCall][] = [
  ['attendance.write (all present)', 'attendance.write', {
    method: 'POST', path: (s) => `${lessonPath(s)}/attendance/all-present`, ok: 200,
    body: async (s, db) => { await freshLesson(db, s); return undefined; },
    rows: (db, s) => db.select().from(attendanceTakings).where(eq(attendanceTakings.schoolId, s.schoolId)).orderBy(attendanceTakings.lessonId),
  }],
];
