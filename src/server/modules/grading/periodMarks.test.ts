import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildGradingWorld, type GradingWorld, insertAbsence, insertLesson, insertMarks, periodMarkRows,
} from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createStaff, createStudent } from '../../../../tests/factories/people.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { DiaryChange } from '../../events/diaryBus.ts';

let t: TestContext;
let w: GradingWorld;
let otherSchoolId: string;
let otherStudentId: string;
const clock = new Date('2025-10-20T09:00:00Z');
const sheetUrl = (query: Record<string, string>) => `/api/v1/schools/${w.schoolId}/period-marks?${new URLSearchParams(query)}`;
const putUrl = () => `/api/v1/schools/${w.schoolId}/period-marks`;
const q1Sheet = () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id });
const mark = (studentIndex: number, value: string, extra: Record<string, unknown> = {}) =>
  ({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id, studentId: w.students[studentIndex]!.id, value, ...extra });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await buildGradingWorld(db);
  const [a, b, c] = w.students.map((s) => s.id) as [string, string, string];
  const lessons = [];
  for (const date of ['2025-09-02', '2025-09-09', '2025-09-16', '2025-09-23']) lessons.push(await insertLesson(db, w, w.math.id, date));
  // Андреев: 5, 4, 5 (контрольная, вес 2), 4 → 23 / 5 = 4,6
  await insertMarks(db, w, lessons[0]!.id, a, [['5', 'oral']]);
  await insertMarks(db, w, lessons[1]!.id, a, [['4', 'oral']]);
  await insertMarks(db, w, lessons[2]!.id, a, [['5', 'test']]);
  await insertMarks(db, w, lessons[3]!.id, a, [['4', 'oral']]);
  // Борисова: two marks only
  await insertMarks(db, w, lessons[0]!.id, b, [['5', 'oral'], ['5', 'oral']]);
  // Васильев: 3, 3, 4; a deleted 5, a 5 in a cancelled lesson, a 5 in the second quarter and a 5 in Russian do not count
  await insertMarks(db, w, lessons[0]!.id, c, [['3', 'oral'], ['3', 'oral'], ['4', 'oral']]);
  await insertMarks(db, w, lessons[1]!.id, c, [['5', 'oral']], true);
  await insertMarks(db, w, (await insertLesson(db, w, w.math.id, '2025-09-30', 'cancelled')).id, c, [['5', 'oral']]);
  await insertMarks(db, w, (await insertLesson(db, w, w.math.id, '2025-11-10')).id, c, [['5', 'oral']]);
  await insertMarks(db, w, (await insertLesson(db, w, w.russian.id, '2025-09-03')).id, c, [['5', 'oral']]);
  for (const lesson of lessons.slice(0, 3)) await insertAbsence(db, w, lesson.id, c, 'ill');
  await insertAbsence(db, w, lessons[3]!.id, c, 'late');
  const other = await createSchool(db);
  otherSchoolId = other.school.id;
  otherStudentId = (await createStudent(db, otherSchoolId)).id;
});
afterAll(async () => { await t.close(); });

describe('the sheet of period marks', () => {
  it('suggests each student\'s mark with its explanation, by the school\'s current policy', async () => {
    const res = await as(t.app, w.actors.math).get(q1Sheet());
    expect(res.statusCode).toBe(200);
    const sheet = res.json();
    expect(sheet).toMatchObject({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id, academicYearId: w.year.id, policyVersion: 0, dueOn: '2025-10-22', closed: false });
    expect(sheet.items.map((i: { student: { lastName: string } }) => i.student.lastName)).toEqual(['Андреев', 'Борисова', 'Васильев']);
    expect(sheet.items.map((i: { suggestion: unknown }) => i.suggestion)).toEqual([
      {
        value: '5', mean: 4.6, count: 4, explanation: '4,60 → 5: средневзвешенное 4 оценок, порог «5» — 4,5',
        reason: { code: 'weighted_mean', params: { mean: 4.6, n: 4, value: 5, threshold: 4.5 } },
      },
      {
        value: 'notAssessed', mean: 5, count: 2, explanation: 'Н/А: 2 оценки при минимуме 3',
        reason: { code: 'too_few_marks', params: { n: 2, min: 3, written: 0, minWritten: 0 } },
      },
      {
        value: '3', mean: 3.33, count: 3, explanation: '3,33 → 3: средневзвешенное 3 оценок, порог «3» — 2,5',
        reason: { code: 'weighted_mean', params: { mean: 3.33, n: 3, value: 3, threshold: 2.5 } },
      },
    ]);
    expect(sheet.items.every((i: { mark: unknown }) => i.mark === null)).toBe(true);
  });

  it('is read by the class teacher, a teacher of another subject of the group, and the administration', async () => {
    for (const actor of [w.actors.classTeacher, w.actors.russian, w.actors.admin, w.actors.director, w.actors.deputy]) {
      expect((await as(t.app, actor).get(q1Sheet())).statusCode).toBe(200);
    }
  });

  it('is hidden from students, teachers outside the group and other schools', async () => {
    const stranger = await createStaff(t.database.db, w.schoolId, { lastName: 'Посторонняя' });
    expect((await as(t.app, w.actors.student).get(q1Sheet())).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', stranger.id)).get(q1Sheet())).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(otherSchoolId, 'admin')).get(q1Sheet())).statusCode).toBe(404);
    expect((await as(t.app, null).get(q1Sheet())).statusCode).toBe(401);
  });

  it.each([
    ['no group', () => sheetUrl({ subjectId: w.math.id, periodId: w.q1.id }), 400, 'groupId'],
    ['neither period nor year', () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id }), 400, 'periodId'],
    ['a malformed period', () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id, periodId: '12' }), 400, 'periodId'],
    ['an unknown group', () => sheetUrl({ groupId: unknownId, subjectId: w.math.id, periodId: w.q1.id }), 404, null],
    ['an unknown subject', () => sheetUrl({ groupId: w.groupId, subjectId: unknownId, periodId: w.q1.id }), 404, null],
    ['an unknown period', () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id, periodId: unknownId }), 404, null],
    ['a period of grades 10–11', () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id, periodId: w.half1.id }), 400, 'periodId'],
  ])('answers %s with %s', async (_name, url, status, field) => {
    const res = await as(t.app, w.actors.admin).get(url());
    expect(res.statusCode).toBe(status);
    if (field) expect(res.json().error.fields).toHaveProperty([field]);
  });
});

describe('setting a period mark', () => {
  it('stores the mark with the suggestion, its explanation and the policy version, and tells the diary', async () => {
    const changes: DiaryChange[] = [];
    const stop = t.app.diaryBus.subscribe(w.students[0]!.id, (c) => changes.push(c));
    const res = await as(t.app, w.actors.math).put(putUrl(), mark(0, '5'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      studentId: w.students[0]!.id, periodId: w.q1.id, academicYearId: w.year.id, value: '5', suggested: '5',
      explanation: '4,60 → 5: средневзвешенное 4 оценок, порог «5» — 4,5', policyVersion: null, version: 1,
      reason: { code: 'weighted_mean', params: { mean: 4.6, n: 4, value: 5, threshold: 4.5 } },
      authorUserId: w.actors.math.userId, updatedAt: clock.toISOString(),
    });
    // On PostgreSQL the change travels through NOTIFY, so it arrives a moment later.
    await vi.waitFor(() => expect(changes).toEqual([expect.objectContaining({ kind: 'periodMark', studentIds: [w.students[0]!.id] })]));
    stop();
    const line = (await as(t.app, w.actors.math).get(q1Sheet())).json().items[0];
    expect(line.mark).toMatchObject({ value: '5', version: 1 });
  });

  it('lets the teacher differ from the suggestion: Н/А suggested, «5» set', async () => {
    const res = await as(t.app, w.actors.math).put(putUrl(), mark(1, '5'));
    expect(res.json()).toMatchObject({ value: '5', suggested: 'notAssessed', explanation: 'Н/А: 2 оценки при минимуме 3' });
  });

  it('answers a stale version with 409 and the current mark, and keeps it', async () => {
    const noVersion = await as(t.app, w.actors.math).put(putUrl(), mark(0, '4'));
    expect(noVersion.statusCode).toBe(409);
    expect(noVersion.json().error).toMatchObject({ code: 'period_mark.stale', current: { value: '5', version: 1 } });
    const changed = await as(t.app, w.actors.math).put(putUrl(), mark(0, '4', { version: 1 }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ value: '4', version: 2 });
    const stale = await as(t.app, w.actors.math).put(putUrl(), mark(0, '3', { version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ value: '4', version: 2 });
    const rows = await periodMarkRows(t.database.db, w.schoolId, w.students[0]!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: '4', version: 2 });
  });

  it('is refused to everyone but the subject\'s teacher, changing nothing', async () => {
    const stranger = await createStaff(t.database.db, w.schoolId, { lastName: 'Чужая' });
    const before = await periodMarkRows(t.database.db, w.schoolId);
    for (const [actor, status, code] of [
      [w.actors.russian, 403, 'period_mark.read_only'],
      [w.actors.classTeacher, 403, 'period_mark.read_only'],
      [w.actors.admin, 403, 'policy.forbidden'],
      [w.actors.deputy, 403, 'policy.forbidden'],
      [w.actors.student, 403, 'policy.forbidden'],
      [schoolActor(w.schoolId, 'teacher', stranger.id), 404, 'teaching_group.not_found'],
      [schoolActor(otherSchoolId, 'admin'), 404, 'school.not_found'],
      [null, 401, 'auth.required'],
    ] as const) {
      const res = await as(t.app, actor).put(putUrl(), mark(2, '2'));
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await periodMarkRows(t.database.db, w.schoolId)).toEqual(before);
  });

  it.each([
    ['a value outside the list', () => mark(2, '6'), 'value'],
    ['a missing value', () => ({ ...mark(2, '4'), value: undefined }), 'value'],
    ['a missing student', () => ({ ...mark(2, '4'), studentId: undefined }), 'studentId'],
    ['a malformed student id', () => ({ ...mark(2, '4'), studentId: 'ученик' }), 'studentId'],
    ['a version as text', () => mark(2, '4', { version: 'один' }), 'version'],
    ['neither period nor year', () => ({ ...mark(2, '4'), periodId: undefined }), 'periodId'],
    ['an unknown student', () => ({ ...mark(2, '4'), studentId: unknownId }), 'studentId'],
    ['another school\'s student', () => ({ ...mark(2, '4'), studentId: otherStudentId }), 'studentId'],
    ['an unknown period', () => mark(2, '4', { periodId: unknownId }), 'periodId'],
    ['a period of grades 10–11', () => mark(2, '4', { periodId: w.half1.id }), 'periodId'],
    ['a year other than the period\'s', () => mark(2, '4', { academicYearId: unknownId }), 'academicYearId'],
    ['an unknown year', () => mark(2, '4', { periodId: null, academicYearId: unknownId }), 'academicYearId'],
  ])('refuses %s with 400 and writes nothing', async (_name, body, field) => {
    const before = await periodMarkRows(t.database.db, w.schoolId);
    const res = await as(t.app, w.actors.math).put(putUrl(), body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
    expect(await periodMarkRows(t.database.db, w.schoolId)).toEqual(before);
  });

  it('refuses a student who is not in the group', async () => {
    const outsider = await createStudent(t.database.db, w.schoolId, { lastName: 'Новиков' });
    const res = await as(t.app, w.actors.math).put(putUrl(), { ...mark(2, '4'), studentId: outsider.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('period_mark.not_in_group');
  });

  it('records the policy version the suggestion came from', async () => {
    const policy = await as(t.app, w.actors.deputy).put(`/api/v1/schools/${w.schoolId}/grading-policy`, {
      thresholds: { '3': 2.5, '4': 3.5, '5': 4.7 },
    });
    expect(policy.json().version).toBe(1);
    const sheet = (await as(t.app, w.actors.math).get(q1Sheet())).json();
    expect(sheet.policyVersion).toBe(1);
    expect(sheet.items[0].suggestion.explanation).toBe('4,60 → 4: средневзвешенное 4 оценок, порог «4» — 3,5');
    const res = await as(t.app, w.actors.math).put(putUrl(), mark(2, '3'));
    expect(res.json()).toMatchObject({ suggested: '3', policyVersion: 1 });
  });

  it('makes a student Н/А who missed more than the policy\'s share of lessons', async () => {
    await as(t.app, w.actors.deputy).put(`/api/v1/schools/${w.schoolId}/grading-policy`, {
      thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 }, notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 },
    });
    const items = (await as(t.app, w.actors.math).get(q1Sheet())).json().items;
    // 3 of 4 lessons missed (ill); being late once is not missing a lesson
    expect(items[2].suggestion).toMatchObject({ value: 'notAssessed', explanation: 'Н/А: пропущено 3 из 4 уроков (больше 50 %)' });
    expect(items[0].suggestion.value).toBe('5');
  });

  it('requires a written or control work among the marks when the policy says so (seed 001, 5.2)', async () => {
    const policy = await as(t.app, w.actors.deputy).put(`/api/v1/schools/${w.schoolId}/grading-policy`, {
      thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 }, minWrittenMarks: 1,
    });
    expect(policy.json().rules.minWrittenMarks).toBe(1);
    const items = (await as(t.app, w.actors.math).get(q1Sheet())).json().items;
    // Андреев wrote the контрольная; Васильев has three oral answers only.
    expect(items[0].suggestion).toMatchObject({ value: '5', reason: { code: 'weighted_mean' } });
    expect(items[2].suggestion).toMatchObject({
      value: 'notAssessed', reason: { code: 'no_written_work', params: { n: 3, min: 3, written: 0, minWritten: 1 } },
      explanation: 'Н/А: нет письменной или контрольной работы среди 3 оценок (требуется 1)',
    });
    const bad = await as(t.app, w.actors.deputy).put(`/api/v1/schools/${w.schoolId}/grading-policy`, {
      thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 }, minWrittenMarks: 1.5,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ minWrittenMarks: 'Целое число' });
  });
});

describe('year marks', () => {
  const yearSheet = () => sheetUrl({ groupId: w.groupId, subjectId: w.math.id, academicYearId: w.year.id });
  const set = (studentIndex: number, periodId: string, value: string) =>
    as(t.app, w.actors.math).put(putUrl(), mark(studentIndex, value, { periodId }));

  it('suggests the year mark from the period marks', async () => {
    // Андреев: 4 (Q1, set above), 5, 5, 4 → 4,5 → 5
    for (const [period, value] of [[w.q2, '5'], [w.q3, '5'], [w.q4, '4']] as const) expect((await set(0, period.id, value)).statusCode).toBe(200);
    // Борисова: exempt in every quarter (Q1 was «5»: change it)
    expect((await as(t.app, w.actors.math).put(putUrl(), mark(1, 'exempt', { version: 1 }))).statusCode).toBe(200);
    for (const period of [w.q2, w.q3, w.q4]) await set(1, period.id, 'exempt');
    const sheet = (await as(t.app, w.actors.math).get(yearSheet())).json();
    expect(sheet).toMatchObject({ periodId: null, academicYearId: w.year.id, dueOn: null });
    expect(sheet.items.map((i: { suggestion: unknown }) => i.suggestion)).toEqual([
      {
        value: '5', mean: 4.5, count: 4, explanation: '4,50 → 5: среднее 4 отметок за периоды, порог «5» — 4,5',
        reason: { code: 'year_mean', params: { mean: 4.5, n: 4, value: 5, threshold: 4.5, notAssessed: 0 } },
      },
      { value: 'exempt', mean: null, count: 0, explanation: 'ОСВ: освобождён во всех периодах', reason: { code: 'year_exempt', params: {} } },
      {
        value: '3', mean: 3, count: 1, explanation: '3,00 → 3: среднее 1 отметки за периоды, порог «3» — 2,5',
        reason: { code: 'year_mean', params: { mean: 3, n: 1, value: 3, threshold: 2.5, notAssessed: 0 } },
      },
    ]);
  });

  it('sets a year mark without a period', async () => {
    const res = await as(t.app, w.actors.math).put(putUrl(), mark(1, 'exempt', { periodId: null, academicYearId: w.year.id }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ periodId: null, academicYearId: w.year.id, value: 'exempt', suggested: 'exempt' });
    const again = await as(t.app, w.actors.math).put(putUrl(), mark(1, 'exempt', { periodId: undefined, academicYearId: w.year.id }));
    expect(again.statusCode).toBe(409);
    expect((await periodMarkRows(t.database.db, w.schoolId, w.students[1]!.id)).filter((r) => r.periodId === null)).toHaveLength(1);
  });
});
