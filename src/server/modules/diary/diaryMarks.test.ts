import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { DiaryFinalMarks, DiaryMarks } from '../../../shared/contract/diary.ts';
import { newId } from '../../db/ids.ts';
import { gradingPolicies } from '../../db/schema/grading.ts';

let t: TestContext;
let w: DiaryWorld;

const base = (studentId: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/students/${studentId}/diary`;
const admin = () => schoolActor(w.schoolId, 'admin');

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2025-10-20T06:00:00Z') });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const l1 = await w.mathsLesson('2025-09-08');
  const l2 = await w.mathsLesson('2025-09-15');
  const l3 = await w.englishLesson('2025-09-16');
  const outside = await w.mathsLesson('2025-11-10');
  await insertMark(db, { schoolId: s, lessonId: l1.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db, { schoolId: s, lessonId: l2.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 });
  await insertMark(db, { schoolId: s, lessonId: l2.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db, { schoolId: s, lessonId: l2.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2', deleted: true });
  await insertMark(db, { schoolId: s, lessonId: l3.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '4' });
  await insertMark(db, { schoolId: s, lessonId: outside.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '3' });
  await insertMark(db, { schoolId: s, lessonId: l1.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '2' });
  await insertAttendance(db, { schoolId: s, lessonId: l1.id, studentId: w.smirnova.id, code: 'ill' });
  const common = { schoolId: s, studentId: w.ivanov.id, academicYearId: w.year.id };
  await insertPeriodMark(db, { ...common, groupId: w.classA.groupId!, subjectId: w.maths.id, periodId: w.q1.id, value: '5' });
  await insertPeriodMark(db, { ...common, groupId: w.classA.groupId!, subjectId: w.maths.id, periodId: null, value: '5' });
  await insertPeriodMark(db, { ...common, groupId: w.subgroup.id, subjectId: w.englishSubject.id, periodId: w.q1.id, value: 'exempt' });
});
afterAll(async () => { await t.close(); });

describe('GET …/diary/marks', () => {
  it('gives each subject its marks of the period, the weighted mean, the policy\'s suggestion and the period mark', async () => {
    const res = await as(t.app, admin()).get(`${base(w.ivanov.id)}/marks?periodId=${w.q1.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as DiaryMarks;
    expect(body.period).toMatchObject({ id: w.q1.id, startsOn: '2025-09-01', endsOn: '2025-10-24' });
    expect(body.subjects.map((s) => s.subject.name)).toEqual(['Английский язык', 'Математика']);
    const maths = body.subjects[1]!;
    expect(maths.marks.map((m) => [m.value, m.workType.name, m.weight, m.date])).toEqual([
      ['5', 'Ответ на уроке', 1, '2025-09-08'], ['4', 'Контрольная работа', 2, '2025-09-15'], ['5', 'Ответ на уроке', 1, '2025-09-15'],
    ]);
    // (5·1 + 4·2 + 5·1) / 4 = 4.5, which reaches the default «5» threshold of 4.5.
    expect(maths.weightedMean).toBe(4.5);
    expect(maths.suggestion).toEqual({ value: '5', reason: { code: 'weighted_mean', params: { mean: 4.5, n: 3, value: 5, threshold: 4.5 } } });
    expect(maths.periodMark).toBe('5');
    // A forecast, not a verdict: no «Н/А», but how many marks there are of the minimum.
    expect(body.subjects[0]).toMatchObject({
      weightedMean: 4, periodMark: 'exempt', suggestion: { value: null, reason: { code: 'too_few_marks', params: { n: 1, min: 3, written: 0, minWritten: 0 } } },
    });
  });

  it('follows the school\'s own policy, with its absence rule, and shows another student only their own marks', async () => {
    await t.database.db.insert(gradingPolicies).values({
      schoolId: w.schoolId, version: 1,
      rules: { thresholds: { 3: 2.5, 4: 3.5, 5: 4.6 }, minMarks: 1, excludedWorkTypeIds: [], notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 } },
    });
    const mine = (await as(t.app, admin()).get(`${base(w.ivanov.id)}/marks?periodId=${w.q1.id}`)).json() as DiaryMarks;
    expect(mine.subjects[1]!.suggestion.value).toBe('4');
    const hers = (await as(t.app, admin()).get(`${base(w.smirnova.id)}/marks?periodId=${w.q1.id}`)).json() as DiaryMarks;
    expect(hers.subjects.map((s) => [s.subject.name, s.marks.map((m) => m.value)])).toEqual([['Математика', ['2']]]);
    // She missed one of the two maths lessons held so far: not more than half.
    expect(hers.subjects[0]!.suggestion.value).toBe('2');
    await t.database.db.delete(gradingPolicies);
  });

  it('answers 400 for an unknown period, another school\'s period or a missing one, and 404 for a stranger', async () => {
    const unknown = await as(t.app, admin()).get(`${base(w.ivanov.id)}/marks?periodId=${unknownId}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ periodId: expect.any(String) });
    expect((await as(t.app, admin()).get(`${base(w.ivanov.id)}/marks`)).json().error.fields).toEqual({ periodId: 'Обязательное поле' });
    expect((await as(t.app, admin()).get(`${base(w.ivanov.id)}/marks?periodId=${newId()}`)).statusCode).toBe(400);
    expect((await as(t.app, schoolActor(w.schoolId, 'guardian', w.smirnovaMother.id)).get(`${base(w.ivanov.id)}/marks?periodId=${w.q1.id}`)).statusCode).toBe(404);
    expect((await as(t.app, null).get(`${base(w.ivanov.id)}/marks?periodId=${w.q1.id}`)).statusCode).toBe(401);
  });
});

describe('GET …/diary/final-marks', () => {
  it('gives the period and year marks per subject, with the periods of the student\'s grade', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'guardian', w.mother.id)).get(`${base(w.ivanov.id)}/final-marks?academicYearId=${w.year.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as DiaryFinalMarks;
    expect(body.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    const bySubject = Object.fromEntries(body.subjects.map((s) => [s.subject.name, s]));
    expect(bySubject['Математика']).toMatchObject({ periodMarks: [{ periodId: w.q1.id, value: '5' }], yearMark: '5' });
    expect(bySubject['Английский язык']).toMatchObject({ periodMarks: [{ periodId: w.q1.id, value: 'exempt' }], yearMark: null });
    const hers = (await as(t.app, admin()).get(`${base(w.smirnova.id)}/final-marks?academicYearId=${w.year.id}`)).json() as DiaryFinalMarks;
    expect(hers.subjects).toEqual([]);
  });

  it('answers 400 for an unknown year and 404 to a student reading a classmate', async () => {
    const res = await as(t.app, admin()).get(`${base(w.ivanov.id)}/final-marks?academicYearId=${unknownId}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ academicYearId: expect.any(String) });
    const classmate = await as(t.app, schoolActor(w.schoolId, 'student', w.smirnova.id)).get(`${base(w.ivanov.id)}/final-marks?academicYearId=${w.year.id}`);
    expect(classmate.statusCode).toBe(404);
  });
});
