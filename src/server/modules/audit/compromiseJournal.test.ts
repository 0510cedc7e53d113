import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { dbNow, entriesOf } from '../../../../tests/factories/audit.ts';
import { diaryWorld, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { runAuditVerify } from '../../../cli/commands/audit.ts';
import type { DiaryMarks, DiaryWeek } from '../../../shared/contract/diary.ts';
import { type Journal, ZJournal } from '../../../shared/contract/journal.ts';
import { newId } from '../../db/ids.ts';
import { auditReviews } from '../../db/schema/audit.ts';
import { periodMarks } from '../../db/schema/grading.ts';
import { attendance, attendanceTakings, markVersions, marks } from '../../db/schema/journal.ts';
import { lessons } from '../../db/schema/timetable.ts';
import type { Actor } from '../../policy/policy.ts';
import { RESTORE_REASON, VOID_REASON } from './compromiseJournal.ts';
import { DECISION_REASON } from './compromiseService.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });
const db = () => t.database.db;

type Change = { seq: number; entity: string; operation: string; entityId: string; status: string; voidedAt: string | null; lessonId: string | null };

/** T: just after the newest entry of the school, once the database clock has passed it. */
async function momentAfterLastEntry(schoolId: string) {
  const last = (await entriesOf(db(), schoolId)).at(-1)!;
  const moment = new Date(last.at.getTime() + 1);
  while ((await dbNow(db())) <= moment) { /* the next entries must be stamped after T */ }
  return moment;
}

/**
 * 5А's maths in the first quarter, as the teacher left it before T: Иванов has 5 and 4 on
 * 08.09 (topic «Дроби») and 5 on 15.09, is present on 15.09 and has no period mark yet. After T
 * someone with the teacher's password changes the 5 of 08.09 into a 2, adds a 2 and an absence on
 * 15.09, rewrites the topic and sets the quarter mark «3».
 */
async function hackedJournal() {
  const w = await diaryWorld(db());
  const s = w.schoolId;
  const url = `/api/v1/schools/${s}`;
  const account = await createUser(db(), { roles: [{ schoolId: s, role: 'teacher', personId: w.teacher.id }] });
  const teacher: Actor = { userId: account.user.id, platformAdmin: false, roles: [{ schoolId: s, role: 'teacher', personId: w.teacher.id }] };
  const admin = schoolActor(s, 'admin');
  const l1 = await w.mathsLesson('2025-09-08', { topic: 'Дроби' });
  const l2 = await w.mathsLesson('2025-09-15');
  const m1 = await insertMark(db(), { schoolId: s, lessonId: l1.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db(), { schoolId: s, lessonId: l1.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '4' });
  await insertMark(db(), { schoolId: s, lessonId: l2.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  const since = await momentAfterLastEntry(s);

  const hacker = as(t.app, teacher);
  expect((await hacker.patch(`${url}/marks/${m1.id}`, { version: m1.version, value: '2', reason: 'исправление' })).statusCode).toBe(200);
  const m3 = await hacker.post(`${url}/lessons/${l2.id}/marks`, { studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2' });
  expect(m3.statusCode).toBe(201);
  expect((await hacker.put(`${url}/lessons/${l2.id}/attendance/${w.ivanov.id}`, { code: 'absent' })).statusCode).toBe(200);
  expect((await hacker.patch(`${url}/lessons/${l1.id}`, { version: l1.version, topic: 'Взлом' })).statusCode).toBe(200);
  const hw = await hacker.post(`${url}/lessons/${l2.id}/homework`, { text: 'Выучить наизусть всю таблицу', dueDate: '2025-09-22' });
  expect(hw.statusCode, hw.body).toBe(201);
  const pm = await hacker.put(`${url}/period-marks`, {
    groupId: w.classA.groupId, subjectId: w.maths.id, periodId: w.q1.id, studentId: w.ivanov.id, value: '3',
  });
  return { w, s, url, account, teacher, admin, l1, l2, m1, m3: m3.json().id as string, since, periodMarkStatus: pm.statusCode };
}

const diaryMaths = async (h: Awaited<ReturnType<typeof hackedJournal>>, actor: Actor) => {
  const res = await as(t.app, actor).get(`${h.url}/students/${h.w.ivanov.id}/diary/marks?periodId=${h.w.q1.id}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as DiaryMarks).subjects.find((x) => x.subject.id === h.w.maths.id)!;
};
const week = async (h: Awaited<ReturnType<typeof hackedJournal>>, actor: Actor, date: string) => {
  const res = await as(t.app, actor).get(`${h.url}/students/${h.w.ivanov.id}/diary/week?date=${date}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as DiaryWeek).days.flatMap((d) => d.lessons).filter((l) => l.subject.id === h.w.maths.id)[0]!;
};
const values = (marks: { value: string }[]) => marks.map((m) => m.value).sort();

async function report(h: Awaited<ReturnType<typeof hackedJournal>>) {
  const res = await as(t.app, h.admin).post(`${h.url}/accounts/${h.account.user.id}/compromise`, { since: h.since.toISOString() });
  expect(res.statusCode).toBe(201);
  const reportUrl = `${h.url}/compromise-reports/${res.json().id}`;
  const detail = (await as(t.app, h.admin).get(reportUrl)).json();
  return { id: res.json().id as string, reportUrl, changes: detail.changes as Change[], lessons: detail.lessons as { id: string; date: string; subject: string }[] };
}

describe('a compromised login is void in the journal at once (seed 003, 4.4)', () => {
  it('shows the diary, the grid and the suggestion from before the report; restores one, restores a lesson, confirms the rest', async () => {
    const h = await hackedJournal();
    const parent = schoolActor(h.s, 'guardian', h.w.mother.id);
    expect(h.periodMarkStatus).toBe(200);
    // The parent reads the week (so it is cached) and the hacked quarter.
    const hackedWeek = await week(h, parent, '2025-09-08');
    expect(values(hackedWeek.marks)).toEqual(['2', '4']);
    expect(hackedWeek.topic).toBe('Взлом');
    const hacked = await diaryMaths(h, parent);
    expect(values(hacked.marks)).toEqual(['2', '2', '4', '5']);
    expect(hacked.periodMark).toBe('3');

    const r = await report(h);
    // At once: the diary (its cached week too), the suggestion, the grid show the values from before T.
    const voidedWeek = await week(h, parent, '2025-09-08');
    expect(values(voidedWeek.marks)).toEqual(['4', '5']);
    expect(voidedWeek.topic).toBe('Дроби');
    expect(voidedWeek.underReview).toBe(true);
    expect((await week(h, parent, '2025-09-15')).attendance).toBeNull();
    // A classmate's lessons are under review only for what is everyone's (the topic, the homework), not for Иванов's marks.
    const other = await as(t.app, h.admin).get(`${h.url}/students/${h.w.smirnova.id}/diary/week?date=2025-09-15`);
    expect((other.json() as DiaryWeek).days.flatMap((d) => d.lessons).map((l) => [l.date, l.underReview])).toEqual([['2025-09-15', true]]);
    const voided = await diaryMaths(h, parent);
    expect(values(voided.marks)).toEqual(['4', '5', '5']);
    expect(voided.weightedMean).toBeCloseTo(14 / 3, 1);
    expect(voided.suggestion.value).toBe('5');
    expect(voided.periodMark).toBeNull();
    expect((await week(h, parent, '2025-09-15')).homeworkSet).toEqual([]);
    // The teacher's period-mark sheet suggests from the marks before T and has no «3» set.
    const sheet = (await as(t.app, h.admin).get(`${h.url}/period-marks?groupId=${h.w.classA.groupId}&subjectId=${h.w.maths.id}&periodId=${h.w.q1.id}`)).json();
    const line = sheet.items.find((i: { student: { id: string } }) => i.student.id === h.w.ivanov.id);
    expect(line).toMatchObject({ suggestion: { value: '5' }, mark: null });
    const grid = (await as(t.app, h.admin).get(`${h.url}/journal?groupId=${h.w.classA.groupId}&subjectId=${h.w.maths.id}&periodId=${h.w.q1.id}`)).json();
    expect(values(grid.marks.filter((m: { studentId: string }) => m.studentId === h.w.ivanov.id))).toEqual(['4', '5', '5']);

    // Nothing erased: the mark keeps every version, the voiding is one more with its reason.
    const versions = await db().select().from(markVersions).where(and(eq(markVersions.schoolId, h.s), eq(markVersions.markId, h.m3)));
    expect(versions.map((v) => [v.version, v.value, v.deleted])).toEqual([[1, '2', false], [2, '2', true]]);
    expect(versions[1]!.reason).toBe(VOID_REASON);
    expect((await db().select().from(marks).where(eq(marks.id, h.m3)))[0]!.deleted).toBe(true);

    // The review lists the journal changes, voided, each with its lesson.
    const journal = r.changes.filter((c) => c.entity !== 'mark_versions');
    expect(journal.map((c) => [c.entity, c.operation, c.lessonId, c.status, c.voidedAt !== null])).toEqual([
      ['marks', 'update', h.l1.id, 'void', true], ['marks', 'insert', h.l2.id, 'void', true],
      ['attendance_takings', 'insert', h.l2.id, 'void', true], ['attendance', 'insert', h.l2.id, 'void', true],
      ['lessons', 'update', h.l1.id, 'void', true], ['homework', 'insert', h.l2.id, 'void', true], ['period_marks', 'insert', null, 'void', true],
    ]);
    // The login's absence took the register of 15.09: that is void too, so the lesson reads «not taken».
    const takingOf = async (lessonId: string) => db().select().from(attendanceTakings).where(eq(attendanceTakings.lessonId, lessonId));
    expect(await takingOf(h.l2.id)).toEqual([]);
    expect(r.lessons.map((l) => [l.id, l.date, l.subject])).toEqual([[h.l1.id, '2025-09-08', 'Математика'], [h.l2.id, '2025-09-15', 'Математика']]);
    const seqOf = (entity: string, lessonId: string | null) => journal.find((c) => c.entity === entity && c.lessonId === lessonId)!.seq;

    // Restore the 2 of 15.09 alone: it is back in the diary and counts again.
    const one = await as(t.app, h.admin).post(`${r.reportUrl}/entries/${seqOf('marks', h.l2.id)}/restore`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ status: 'restored', decidedBy: h.admin.userId });
    expect(values((await diaryMaths(h, parent)).marks)).toEqual(['2', '4', '5', '5']);
    expect((await week(h, parent, '2025-09-15')).attendance).toBeNull();

    // Confirm the voided 5→2: the 5 stays.
    const kept = await as(t.app, h.admin).post(`${r.reportUrl}/entries/${seqOf('marks', h.l1.id)}/confirm`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ status: 'confirmed' });
    expect(values((await diaryMaths(h, parent)).marks)).toEqual(['2', '4', '5', '5']);

    // Restore all of 15.09 (the absence is what is left), confirm all of 08.09 (the topic).
    const lesson2 = await as(t.app, h.admin).post(`${r.reportUrl}/lessons/${h.l2.id}/restore`);
    expect(lesson2.statusCode).toBe(200);
    expect(lesson2.json()).toEqual({ lessonId: h.l2.id, status: 'restored', seqs: [seqOf('attendance_takings', h.l2.id), seqOf('attendance', h.l2.id), seqOf('homework', h.l2.id)] });
    expect((await takingOf(h.l2.id)).map((x) => x.takenBy)).toEqual([h.teacher.userId]);
    const restoredWeek = await week(h, parent, '2025-09-15');
    expect(restoredWeek.attendance).toMatchObject({ code: 'absent' });
    expect(restoredWeek.homeworkSet.map((x) => x.text)).toEqual(['Выучить наизусть всю таблицу']);
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/lessons/${h.l1.id}/confirm`)).json().seqs).toEqual([seqOf('lessons', h.l1.id)]);
    expect((await db().select().from(lessons).where(eq(lessons.id, h.l1.id)))[0]!.topic).toBe('Дроби');
    // The period mark the login set comes back with its own id when restored.
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/entries/${seqOf('period_marks', null)}/restore`)).statusCode).toBe(200);
    expect((await diaryMaths(h, parent)).periodMark).toBe('3');

    // Every decision is audited, so the cached week is read again: nothing is under review any more.
    expect((await week(h, parent, '2025-09-08')).underReview).toBe(false);
    expect((await week(h, parent, '2025-09-15')).underReview).toBe(false);
    const summary = (await as(t.app, h.admin).get(r.reportUrl)).json();
    expect(summary.entries.void).toBe(0);
    expect(summary.changes.filter((c: Change) => c.entity === 'mark_versions').map((c: Change) => c.status).sort())
      .toEqual(['confirmed', 'restored']);
    const entries = await entriesOf(db(), h.s);
    const restores = entries.filter((e) => e.reason === RESTORE_REASON);
    expect(restores.length).toBeGreaterThan(0);
    for (const e of restores) expect(e.actorUserId).toBe(h.admin.userId);
    // The decisions themselves are in the log: each review's new status, by the administrator.
    const decisions = entries.filter((e) => e.reason === DECISION_REASON);
    expect(decisions.map((e) => [e.entity, e.operation, (e.after as { status: string }).status])).toEqual(expect.arrayContaining([
      ['audit_reviews', 'update', 'restored'], ['audit_reviews', 'update', 'confirmed'],
    ]));
    for (const e of decisions) expect(e.actorUserId).toBe(h.admin.userId);
    expect(await runAuditVerify(db(), h.s, () => {})).toBe(0);
  });

  it('flags in the teacher\'s grid the cells and lessons under review until the administrator decides', async () => {
    const h = await hackedJournal();
    const pageUrl = (subjectId: string) => `${h.url}/journal?groupId=${h.w.classA.groupId}&subjectId=${subjectId}&periodId=${h.w.q1.id}`;
    const flags = async () => {
      const res = await as(t.app, h.admin).get(pageUrl(h.w.maths.id));
      expect(res.statusCode).toBe(200);
      const page = res.json() as Journal;
      expect(ZJournal.parse(page)).toEqual(page);
      return { lessons: [...page.underReview.lessons].sort(), cells: page.underReview.cells.map((c) => `${c.lessonId}/${c.studentId}`).sort() };
    };
    const none = { lessons: [], cells: [] };
    // Before the report nothing is under review: the login's changes simply stand.
    expect(await flags()).toEqual(none);

    const r = await report(h);
    // Иванов's 5→2 of 08.09, his new 2 and absence of 15.09; the topic of 08.09, the homework and the register of 15.09.
    // Смирнова's cells are not flagged, and the period mark is not a cell of the grid.
    expect(await flags()).toEqual({
      lessons: [h.l1.id, h.l2.id].sort(),
      cells: [`${h.l1.id}/${h.w.ivanov.id}`, `${h.l2.id}/${h.w.ivanov.id}`].sort(),
    });
    const journal = r.changes.filter((c) => c.entity !== 'mark_versions');
    const seqOf = (entity: string, lessonId: string | null) => journal.find((c) => c.entity === entity && c.lessonId === lessonId)!.seq;

    // The 5→2 confirmed as void: that cell is no longer under review; 15.09's cell still is (its 2 and absence).
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/entries/${seqOf('marks', h.l1.id)}/confirm`)).statusCode).toBe(200);
    expect((await flags()).cells).toEqual([`${h.l2.id}/${h.w.ivanov.id}`]);
    // The 2 of 15.09 restored: the absence keeps the cell under review until its lesson is restored as a whole.
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/entries/${seqOf('marks', h.l2.id)}/restore`)).statusCode).toBe(200);
    expect((await flags()).cells).toEqual([`${h.l2.id}/${h.w.ivanov.id}`]);
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/lessons/${h.l2.id}/restore`)).statusCode).toBe(200);
    expect(await flags()).toEqual({ lessons: [h.l1.id], cells: [] });
    expect((await as(t.app, h.admin).post(`${r.reportUrl}/lessons/${h.l1.id}/confirm`)).statusCode).toBe(200);
    expect(await flags()).toEqual(none);
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const h = await hackedJournal();
    const r = await report(h);
    const journal = r.changes.filter((c) => c.entity === 'marks');
    const markSeq = journal.find((c) => c.lessonId === h.l2.id)!.seq;
    const companion = r.changes.find((c) => c.entity === 'mark_versions')!.seq;
    const post = (path: string) => as(t.app, h.admin).post(`${r.reportUrl}${path}`);
    const before = (await entriesOf(db(), h.s)).length;
    expect((await post(`/entries/999999/restore`)).statusCode).toBe(404);
    expect((await post(`/entries/999999/confirm`)).statusCode).toBe(404);
    expect((await post(`/lessons/${newId()}/restore`)).statusCode).toBe(404);
    expect((await post(`/lessons/nope/restore`)).statusCode).toBe(400);
    expect((await as(t.app, h.admin).post(`${h.url}/compromise-reports/${newId()}/entries/${markSeq}/restore`)).statusCode).toBe(404);
    const notVoided = await post(`/entries/${companion}/restore`);
    expect(notVoided.statusCode).toBe(409);
    expect(notVoided.json().error.code).toBe('compromise.not_voided');
    const revert = await post(`/entries/${markSeq}/revert`);
    expect(revert.statusCode).toBe(409);
    expect(revert.json().error.code).toBe('compromise.already_voided');
    expect((await entriesOf(db(), h.s)).length).toBe(before);

    const confirmed = await post(`/entries/${markSeq}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    const again = await post(`/entries/${markSeq}/restore`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('compromise.already_decided');
    expect((await post(`/entries/${markSeq}/confirm`)).statusCode).toBe(409);
    const [review] = await db().select().from(auditReviews).where(and(eq(auditReviews.schoolId, h.s), eq(auditReviews.seq, markSeq)));
    expect(review!.status).toBe('confirmed');
    expect((await db().select().from(marks).where(eq(marks.id, h.m3)))[0]!.deleted).toBe(true);
  });

  it('refuses to restore a row someone has changed since the voiding, and writes nothing', async () => {
    const h = await hackedJournal();
    const r = await report(h);
    const seq = r.changes.find((c) => c.entity === 'attendance')!.seq;
    const [row] = await db().select().from(attendance).where(and(eq(attendance.schoolId, h.s), eq(attendance.lessonId, h.l2.id)));
    expect(row!.code).toBeNull();
    // The teacher, signed in again with a new account, records the absence as illness.
    const teacher2 = schoolActor(h.s, 'teacher', h.w.teacher.id);
    expect((await as(t.app, teacher2).put(`${h.url}/lessons/${h.l2.id}/attendance/${h.w.ivanov.id}`, { code: 'ill', version: row!.version })).statusCode).toBe(200);
    const before = (await entriesOf(db(), h.s)).length;
    const res = await as(t.app, h.admin).post(`${r.reportUrl}/lessons/${h.l2.id}/restore`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('compromise.changed_since');
    expect((await entriesOf(db(), h.s)).length).toBe(before);
    expect((await db().select().from(attendance).where(eq(attendance.id, row!.id)))[0]!.code).toBe('ill');
    const [review] = await db().select().from(auditReviews).where(and(eq(auditReviews.schoolId, h.s), eq(auditReviews.seq, seq)));
    expect(review!.status).toBe('void');
    expect((await db().select().from(marks).where(eq(marks.id, h.m3)))[0]!.deleted).toBe(true);
  });

  it('leaves a row someone else changed after the login alone, and lets only the administrator decide', async () => {
    const h = await hackedJournal();
    // The class teacher puts the period mark right before the report: the login's «3» is no longer the value.
    await db().update(periodMarks).set({ value: '5' }).where(eq(periodMarks.studentId, h.w.ivanov.id));
    const r = await report(h);
    const pm = r.changes.find((c) => c.entity === 'period_marks')!;
    expect(pm).toMatchObject({ status: 'void', voidedAt: null });
    expect((await db().select().from(periodMarks).where(eq(periodMarks.studentId, h.w.ivanov.id)))[0]!.value).toBe('5');
    await insertPeriodMark(db(), {
      schoolId: h.s, groupId: h.w.classA.groupId!, subjectId: h.w.maths.id, studentId: h.w.smirnova.id, periodId: h.w.q1.id, academicYearId: h.w.year.id, value: '4',
    });

    const seq = r.changes.find((c) => c.entity === 'marks')!.seq;
    const other = await createSchool(db());
    const before = (await entriesOf(db(), h.s)).length;
    for (const path of [`/entries/${seq}/restore`, `/entries/${seq}/confirm`, `/lessons/${h.l1.id}/restore`, `/lessons/${h.l1.id}/confirm`]) {
      const send = (actor: Actor | null) => as(t.app, actor).post(`${r.reportUrl}${path}`);
      expect((await send(null)).statusCode, path).toBe(401);
      for (const role of ['teacher', 'director', 'deputy', 'student', 'guardian'] as const) {
        expect((await send(schoolActor(h.s, role))).statusCode, `${role} ${path}`).toBe(403);
      }
      expect((await send(h.teacher)).statusCode, path).toBe(403);
      expect((await send(schoolActor(other.school.id, 'admin'))).statusCode, path).toBe(404);
    }
    expect((await entriesOf(db(), h.s)).length).toBe(before);
    const [review] = await db().select().from(auditReviews).where(and(eq(auditReviews.schoolId, h.s), eq(auditReviews.seq, seq)));
    expect(review!.status).toBe('void');
  });

  it('still takes the report when a record the login made is referred to since: that row stays, under review', async () => {
    const h = await hackedJournal();
    // Some later record (say, a signed sheet) refers to the period mark the login set.
    await db().execute(sql`create table if not exists compromise_test_refs (school_id uuid, period_mark_id uuid,
      foreign key (school_id, period_mark_id) references period_marks (school_id, id))`);
    const [pm] = await db().select().from(periodMarks).where(eq(periodMarks.studentId, h.w.ivanov.id));
    await db().execute(sql`insert into compromise_test_refs values (${h.s}, ${pm!.id})`);
    const r = await report(h);
    expect(r.changes.find((c) => c.entity === 'period_marks')).toMatchObject({ status: 'void', voidedAt: null });
    expect((await db().select().from(periodMarks).where(eq(periodMarks.id, pm!.id)))[0]!.value).toBe('3');
    // Everything else is voided all the same.
    expect(values((await diaryMaths(h, schoolActor(h.s, 'guardian', h.w.mother.id))).marks)).toEqual(['4', '5', '5']);
    await db().execute(sql`drop table compromise_test_refs`);
  });

  it('keeps the voiding when the owner reports the login themself and the administrator reports it again', async () => {
    const h = await hackedJournal();
    const parent = schoolActor(h.s, 'guardian', h.w.mother.id);
    const self = await as(t.app, h.teacher).post(`${h.url}/accounts/${h.account.user.id}/compromise`, { since: h.since.toISOString() });
    expect(self.statusCode).toBe(201);
    expect(values((await diaryMaths(h, parent)).marks)).toEqual(['4', '5', '5']);
    const again = await as(t.app, h.admin).post(`${h.url}/accounts/${h.account.user.id}/compromise`, { since: h.since.toISOString() });
    expect(again.statusCode).toBe(201);
    // The voiding's own writes (in the owner's name) are not the login's operations: nothing more to void.
    expect(again.json().entries.void).toBe(0);
    expect(values((await diaryMaths(h, parent)).marks)).toEqual(['4', '5', '5']);
  });
});
