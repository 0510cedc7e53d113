import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark } from '../../../../tests/factories/diary.ts';
import { insertPeriod, insertYear, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ForecastReport } from '../../../shared/contract/reports.ts';
import { DEFAULT_GRADING_POLICY } from '../../../shared/domain/grading.ts';
import { gradingPolicies } from '../../db/schema/grading.ts';

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
const clock = new Date('2025-10-20T06:00:00Z');
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/forecast?${query}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

/** The fewest «5» with weight 1 that lift a plain mean of `values` (weight 1) to `threshold`: computed the plain way. */
function fivesFor(values: number[], threshold: number): number {
  for (let k = 1; k < 100; k += 1) if ((values.reduce((a, v) => a + v, 0) + 5 * k) / (values.length + k) >= threshold) return k;
  return Infinity;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const mark = async (student: 'ivanov' | 'smirnova', value: string, date: string, weight = 1) =>
    insertMark(db, { schoolId: s, lessonId: (await w.mathsLesson(date)).id, studentId: w[student].id, workTypeId: w.answer.id, value, weight });
  await mark('ivanov', '4', '2025-09-08');
  await mark('ivanov', '4', '2025-09-09');
  await mark('ivanov', '3', '2025-09-10');
  await mark('smirnova', '2', '2025-09-08');
  await mark('smirnova', '2', '2025-09-09');
  await mark('smirnova', '3', '2025-09-10');
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/forecast', () => {
  it('forecasts each student × subject by the one grading function, with the «5»s it takes, the risks and the class figures', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`));
    expect(res.statusCode).toBe(200);
    const body: ForecastReport = res.json();
    expect(body.class).toMatchObject({ id: w.classA.id, name: '5А' });
    expect(body.period.id).toBe(w.q1.id);
    const cell = (student: 'ivanov' | 'smirnova') => body.cells.find((c) => c.studentId === w[student].id && c.subjectId === w.maths.id);
    // 4, 4, 3 → 3.66 → «4»; «5» needs (11 + 5k) / (3 + k) ≥ 4.5.
    expect(cell('ivanov')).toMatchObject({ mean: 3.66, count: 3, forecast: '4', risks: [] });
    expect(cell('ivanov')?.next).toEqual({ code: 'fives', fives: fivesFor([4, 4, 3], 4.5), weight: 1, value: '5' });
    expect(fivesFor([4, 4, 3], 4.5)).toBe(5);
    // 2, 2, 3 → 2.33 → «2»: at risk; «3» needs (7 + 5k) / (3 + k) ≥ 2.5.
    expect(cell('smirnova')).toMatchObject({ mean: 2.33, forecast: '2' });
    expect(cell('smirnova')?.risks.map((r) => r.code)).toContain('failing');
    expect(cell('smirnova')?.next).toEqual({ code: 'fives', fives: fivesFor([2, 2, 3], 2.5), weight: 1, value: '3' });
    expect(body.students.find((s) => s.id === w.smirnova.id)?.atRisk).toBe(true);
    // The distribution counts every forecast cell; the figures are итоги успеваемости over them.
    const counted = body.cells.reduce((a, c) => ({ ...a, [c.forecast]: (a[c.forecast] ?? 0) + 1 }), {} as Record<string, number>);
    expect(body.distribution).toEqual({ 5: counted['5'] ?? 0, 4: counted['4'] ?? 0, 3: counted['3'] ?? 0, 2: counted['2'] ?? 0, notAssessed: counted.notAssessed ?? 0 });
    expect(body.figures.assessed).toBe(new Set(body.cells.map((c) => c.studentId)).size);
    expect(body.figures.marks['2']).toBe(body.distribution[2]);
  });

  it('shows a class teacher his own class, and hides another (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    expect((await as(t.app, classTeacher).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`))).statusCode).toBe(200);
    const other = await as(t.app, classTeacher).get(url(`classId=${w.classB.id}&periodId=${w.q1.id}`));
    expect(other.statusCode).toBe(404);
  });

  it('refuses a teacher keeping no class, a student and a guardian (403), an anonymous caller (401), another school\'s deputy (404)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      const res = await as(t.app, actor).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`));
      expect(res.statusCode, actor.roles[0]!.role).toBe(403);
    }
    expect((await as(t.app, null).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`))).statusCode).toBe(404);
  });

  it.each([
    ['no class', () => `periodId=${w.q1.id}`, 'classId'],
    ['no period', () => `classId=${w.classA.id}`, 'periodId'],
    ['a malformed class id', () => `classId=abc&periodId=${w.q1.id}`, 'classId'],
    ['an unknown class', () => `classId=${unknownId}&periodId=${w.q1.id}`, 'classId'],
    ['a malformed period id', () => `classId=${w.classA.id}&periodId=abc`, 'periodId'],
    ['an unknown period', () => `classId=${w.classA.id}&periodId=${unknownId}`, 'periodId'],
    ['another school\'s period', () => `classId=${w.classA.id}&periodId=${otherPeriodId}`, 'periodId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(query()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });

  // Last: the school's policy changes for the rest of the file.
  it('applies the school\'s absence rule: more than the share of the lessons held missed → Н/А, out of reach', async () => {
    const db = t.database.db;
    for (const date of ['2025-09-15', '2025-09-16', '2025-09-17', '2025-09-18']) {
      await insertAttendance(db, { schoolId: w.schoolId, lessonId: (await w.mathsLesson(date)).id, studentId: w.smirnova.id, code: 'ill' });
    }
    // A cancelled lesson and a lesson after today are not held.
    await w.mathsLesson('2025-09-19', { status: 'cancelled' });
    await w.mathsLesson('2025-10-22');
    await db.insert(gradingPolicies).values({
      schoolId: w.schoolId, version: 1, rules: { ...DEFAULT_GRADING_POLICY, notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.35 } },
    });
    const body: ForecastReport = (await as(t.app, deputy()).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`))).json();
    const cell = (student: 'ivanov' | 'smirnova') => body.cells.find((c) => c.studentId === w[student].id && c.subjectId === w.maths.id);
    // Smirnova missed 4 of the 10 lessons held (6 with marks + 4): 40 % > 35 % (of 12 lessons it would be 33 %).
    expect(cell('smirnova')).toMatchObject({ forecast: 'notAssessed', risks: [{ code: 'not_assessed' }], next: { code: 'unreachable' } });
    expect(cell('ivanov')).toMatchObject({ forecast: '4', risks: [] });
  });
});
