import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesOf } from '../../../../tests/factories/audit.ts';
import { buildGradingWorld, type GradingWorld, periodMarkRows } from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createStaff, createStudent } from '../../../../tests/factories/people.ts';
import { admit, makeClass } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import { examSubjects } from '../../db/schema/grading.ts';
import * as load from '../structure/loadService.ts';

// Exam and final marks, seed 002 §4.3.11: grade 9 of the grading world's school has them, grade 5 not.

let t: TestContext;
let w: GradingWorld;
let grade9: { classId: string; groupId: string; students: { id: string }[] };
let otherSchoolId: string;
const clock = new Date('2026-05-28T09:00:00Z');
const base = () => `/api/v1/schools/${w.schoolId}`;
const sheet = (groupId: string, subjectId = w.math.id) =>
  `${base()}/exam-marks?${new URLSearchParams({ groupId, subjectId, academicYearId: w.year.id })}`;
const exam = (i: number, kind: string, value: string, extra: Record<string, unknown> = {}) => ({
  groupId: grade9.groupId, subjectId: w.math.id, academicYearId: w.year.id, studentId: grade9.students[i]!.id, kind, value, ...extra,
});
const put = (actor: Parameters<typeof as>[1], body: unknown) => as(t.app, actor).put(`${base()}/exam-marks`, body);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await buildGradingWorld(db);
  const cls = await makeClass(db, w.schoolId, w.year.id, 9, 'А');
  const students = [];
  for (const lastName of ['Григорьев', 'Дмитриева']) {
    const s = await createStudent(db, w.schoolId, { lastName });
    await admit(db, w.schoolId, s.id, cls.id, '2025-09-01');
    students.push(s);
  }
  const mathTeacherId = w.actors.math.roles[0]!.personId!;
  await load.createAssignment(db, w.schoolId, { staffId: mathTeacherId, groupId: cls.groupId, subjectId: w.math.id, periodId: null, hoursPerWeek: 5 });
  grade9 = { classId: cls.id, groupId: cls.groupId, students };
  otherSchoolId = (await createSchool(db)).school.id;
});
afterAll(async () => { await t.close(); });

describe('the sheet of exam and final marks', () => {
  it('is not available in grade 5', async () => {
    const res = await as(t.app, w.actors.math).get(sheet(w.groupId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ available: false, closed: false, items: [] });
  });

  it('lists grade 9 with nothing to suggest before the year mark', async () => {
    const res = await as(t.app, w.actors.math).get(sheet(grade9.groupId));
    expect(res.statusCode).toBe(200);
    expect(res.json().available).toBe(true);
    expect(res.json().items.map((i: { student: { lastName: string }; yearMark: unknown; suggestion: { reason: string } }) =>
      [i.student.lastName, i.yearMark, i.suggestion.reason])).toEqual([['Григорьев', null, 'noYearMark'], ['Дмитриева', null, 'noYearMark']]);
  });

  it('is hidden from students, strangers and other schools', async () => {
    const stranger = await createStaff(t.database.db, w.schoolId, { lastName: 'Посторонний' });
    expect((await as(t.app, w.actors.student).get(sheet(grade9.groupId))).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', stranger.id)).get(sheet(grade9.groupId))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(otherSchoolId, 'admin')).get(sheet(grade9.groupId))).statusCode).toBe(404);
    expect((await as(t.app, null).get(sheet(grade9.groupId))).statusCode).toBe(401);
    expect((await as(t.app, w.actors.deputy).get(sheet(grade9.groupId))).statusCode).toBe(200);
  });
});

describe('setting exam and final marks', () => {
  it('sets the exam mark, suggests the rounded mean as the final mark and keeps the year mark apart', async () => {
    const year = await as(t.app, w.actors.math).put(`${base()}/period-marks`, {
      groupId: grade9.groupId, subjectId: w.math.id, academicYearId: w.year.id, studentId: grade9.students[0]!.id, value: '4',
    });
    expect(year.statusCode).toBe(200);
    const res = await put(w.actors.math, exam(0, 'exam', '5'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'exam', value: '5', version: 1, suggested: null });
    const line = (await as(t.app, w.actors.math).get(sheet(grade9.groupId))).json().items[0];
    expect(line).toMatchObject({ yearMark: '4', exam: { value: '5' }, final: null, suggestion: { value: '5', reason: 'mean', mean: 4.5, tie: true } });
    const final = await put(w.actors.math, exam(0, 'final', '4'));
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({
      kind: 'final', value: '4', suggested: '5', explanation: '4,5 → 5: среднее годовой (4) и экзаменационной (5), округление вверх; решает учитель',
    });
    // The year sheet still reads the year mark only.
    const yearSheet = await as(t.app, w.actors.math).get(`${base()}/period-marks?${new URLSearchParams({ groupId: grade9.groupId, subjectId: w.math.id, academicYearId: w.year.id })}`);
    expect(yearSheet.json().items[0].mark).toMatchObject({ value: '4', version: 1 });
  });

  it('changes a mark at the version seen, refuses a stale one, and audits every version', async () => {
    const first = (await as(t.app, w.actors.math).get(sheet(grade9.groupId))).json().items[0].exam;
    const changed = await put(w.actors.math, exam(0, 'exam', '3', { version: first.version }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ value: '3', version: 2 });
    const stale = await put(w.actors.math, exam(0, 'exam', '2', { version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('period_mark.stale');
    const rows = (await periodMarkRows(t.database.db, w.schoolId, grade9.students[0]!.id)).filter((r) => r.kind === 'exam');
    expect(rows.map((r) => [r.value, r.version])).toEqual([['3', 2]]);
    const audited = (await entriesOf(t.database.db, w.schoolId)).filter((e) => e.entity === 'period_marks' && e.entityId?.includes(first.id));
    expect(audited.map((e) => [e.operation, (e.after as { value: string; kind: string }).value, (e.after as { kind: string }).kind]))
      .toEqual([['insert', '5', 'exam'], ['update', '3', 'exam']]);
  });

  it('shows the exam and final marks in the student\'s diary beside the year mark', async () => {
    const res = await as(t.app, w.actors.admin).get(`${base()}/students/${grade9.students[0]!.id}/diary/final-marks?academicYearId=${w.year.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().subjects).toEqual([{ subject: { id: w.math.id, name: 'Математика' }, periodMarks: [], yearMark: '4', examMark: '3', finalMark: '4' }]);
  });

  it('shows the year, exam and final marks in the class\'s сводная ведомость', async () => {
    const res = await as(t.app, w.actors.deputy).get(`${base()}/classes/${grade9.classId}/overview`);
    expect(res.statusCode).toBe(200);
    expect(res.json().yearMarks).toEqual({
      subjects: [{ id: w.math.id, name: 'Математика' }],
      items: [{ studentId: grade9.students[0]!.id, subjectId: w.math.id, year: '4', exam: '3', final: '4' }],
    });
  });

  it('is refused to anyone but the subject\'s teacher, leaving nothing behind', async () => {
    const before = await periodMarkRows(t.database.db, w.schoolId, grade9.students[1]!.id);
    const stranger = await createStaff(t.database.db, w.schoolId, { lastName: 'Чужой' });
    const cases: [Parameters<typeof as>[1], number][] = [
      [w.actors.russian, 404], [w.actors.admin, 403], [w.actors.deputy, 403], [w.actors.student, 403],
      [schoolActor(w.schoolId, 'teacher', stranger.id), 404], [schoolActor(otherSchoolId, 'admin'), 404], [null, 401],
    ];
    for (const [actor, status] of cases) expect((await put(actor, exam(1, 'exam', '5'))).statusCode).toBe(status);
    expect(await periodMarkRows(t.database.db, w.schoolId, grade9.students[1]!.id)).toEqual(before);
  });

  it.each([
    ['an exam mark in grade 5', () => ({ ...exam(0, 'exam', '5'), groupId: w.groupId, studentId: w.students[0]!.id }), 'exam_mark.not_held', 'kind'],
    ['an exam graded 1', () => exam(1, 'exam', '1'), 'validation.failed', 'value'],
    ['an exam passed as «зачёт»', () => exam(1, 'exam', 'pass'), 'validation.failed', 'value'],
    ['an unknown kind', () => exam(1, 'midterm', '5'), 'validation.failed', 'kind'],
    ['an unknown value', () => exam(1, 'final', 'отл'), 'validation.failed', 'value'],
    ['a student of another class', () => ({ ...exam(1, 'exam', '5'), studentId: w.students[0]!.id }), 'period_mark.not_in_group', 'studentId'],
  ])('refuses %s with 400 and the field', async (_name, body, code, field) => {
    const before = await periodMarkRows(t.database.db, w.schoolId);
    const res = await put(w.actors.math, body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.fields).toHaveProperty(field);
    expect(await periodMarkRows(t.database.db, w.schoolId)).toEqual(before);
  });

  it('refuses any mark once the year is closed, as for the year mark', async () => {
    const db = t.database.db;
    await db.update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, w.year.id));
    try {
      const res = await put(w.actors.math, exam(1, 'exam', '4'));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('academic_year.closed');
      expect((await as(t.app, w.actors.deputy).get(sheet(grade9.groupId))).json()).toMatchObject({ closed: true });
    } finally {
      await db.update(academicYears).set({ status: 'open' }).where(eq(academicYears.id, w.year.id));
    }
  });
});

describe('subjects that end with an examination', () => {
  const subjectsUrl = () => `${base()}/exam-subjects`;
  it('lets the deputy give grade 5 an exam in a subject, then take it back', async () => {
    const set = await as(t.app, w.actors.deputy).put(subjectsUrl(), { groupId: w.groupId, subjectId: w.russian.id, exam: true });
    expect(set.statusCode).toBe(200);
    expect((await as(t.app, w.actors.admin).get(`${subjectsUrl()}?academicYearId=${w.year.id}`)).json().items)
      .toEqual([{ groupId: w.groupId, subjectId: w.russian.id }]);
    expect((await as(t.app, w.actors.russian).get(sheet(w.groupId, w.russian.id))).json().available).toBe(true);
    const mark = await put(w.actors.russian, { ...exam(0, 'exam', '4'), groupId: w.groupId, subjectId: w.russian.id, studentId: w.students[0]!.id });
    expect(mark.statusCode).toBe(200);
    const unset = await as(t.app, w.actors.deputy).put(subjectsUrl(), { groupId: w.groupId, subjectId: w.russian.id, exam: false });
    expect(unset.statusCode).toBe(200);
    expect(await t.database.db.select().from(examSubjects).where(eq(examSubjects.schoolId, w.schoolId))).toEqual([]);
    expect((await as(t.app, w.actors.russian).get(sheet(w.groupId, w.russian.id))).json().available).toBe(false);
    const audited = (await entriesOf(t.database.db, w.schoolId)).filter((e) => e.entity === 'exam_subjects');
    expect(audited.map((e) => e.operation)).toEqual(['insert', 'delete']);
  });

  it.each([
    ['an unknown group', () => ({ groupId: '01900000-0000-7000-8000-000000000000', subjectId: w.math.id, exam: true }), 'groupId'],
    ['an unknown subject', () => ({ groupId: w.groupId, subjectId: '01900000-0000-7000-8000-000000000000', exam: true }), 'subjectId'],
    ['no decision', () => ({ groupId: w.groupId, subjectId: w.math.id }), 'exam'],
  ])('refuses %s with 400', async (_name, body, field) => {
    const res = await as(t.app, w.actors.deputy).put(subjectsUrl(), body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
    expect(await t.database.db.select().from(examSubjects).where(eq(examSubjects.schoolId, w.schoolId))).toEqual([]);
  });

  it('is not for teachers', async () => {
    const res = await as(t.app, w.actors.math).put(subjectsUrl(), { groupId: w.groupId, subjectId: w.math.id, exam: true });
    expect(res.statusCode).toBe(403);
  });
});
