import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { newId } from '../../db/ids.ts';
import { workTypes } from '../../db/schema/journal.ts';
import type { Actor } from '../../policy/policy.ts';
import { defaultPeriod } from '../../../shared/domain/periods.ts';

let t: TestContext;
let w: DiaryWorld;
let base: string;
// Saturday 20 September 2025: the first quarter.
const clock = new Date('2025-09-20T06:00:00Z');
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await diaryWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
  const { schoolId } = w;
  const [control] = await db().insert(workTypes).values({ id: newId(), schoolId, name: 'Диктант', weight: 2, isControl: true }).returning();
  const mon = await w.mathsLesson('2025-09-08');
  await insertMark(db(), { schoolId, lessonId: mon.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db(), { schoolId, lessonId: mon.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '3', weight: 2 });
  await insertMark(db(), { schoolId, lessonId: mon.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '2' });
  await insertMark(db(), { schoolId, lessonId: mon.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '5', deleted: true });
  // A control work on Wednesday: Иванов has his mark, Смирнова was there without one (a debt).
  const wed = await w.mathsLesson('2025-09-10', { workTypeIds: [control!.id] });
  await insertMark(db(), { schoolId, lessonId: wed.id, studentId: w.ivanov.id, workTypeId: control!.id, value: '4', weight: 2 });
  const eng = await w.englishLesson('2025-09-09');
  await insertAttendance(db(), { schoolId, lessonId: eng.id, studentId: w.ivanov.id, code: 'absent' });
  const thu = await w.mathsLesson('2025-09-11');
  await insertAttendance(db(), { schoolId, lessonId: thu.id, studentId: w.smirnova.id, code: 'ill' });
  await insertAttendance(db(), { schoolId, lessonId: thu.id, studentId: w.ivanov.id, code: 'late' });
  await insertAttendance(db(), { schoolId, lessonId: (await w.mathsLesson('2025-09-12')).id, studentId: w.ivanov.id, code: null });
  await insertPeriodMark(db(), {
    schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: w.q1.id, academicYearId: w.year.id, value: '4',
  });
  // The second quarter, and the sister in 5Б: neither belongs to 5А's first quarter.
  const nov = await w.mathsLesson('2025-11-10');
  await insertMark(db(), { schoolId, lessonId: nov.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2' });
  const b = await w.mathsLesson('2025-09-08', { groupId: w.classB.groupId! });
  await insertMark(db(), { schoolId, lessonId: b.id, studentId: w.sister.id, workTypeId: w.answer.id, value: '5' });
});
afterAll(async () => { await t.close(); });

const classTeacher = () => schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
const overview = (actor: Actor | null, classId: string, query = '') => as(t.app, actor).get(`${base}/classes/${classId}/overview${query}`);

describe('the class overview', () => {
  it('shows the class teacher every subject\'s marks, means, debts, period marks and absences of the current period', async () => {
    const res = await overview(classTeacher(), w.classA.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.class).toMatchObject({ id: w.classA.id, name: '5А', grade: 5 });
    expect(body.period).toMatchObject({ id: w.q1.id, name: '1 четверть' });
    // Grade 5 has quarters only; the halves are of grades 10–11.
    expect(body.periods.map((p: { name: string }) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(body.students.map((s: { name: string; left: boolean }) => [s.name, s.left])).toEqual([
      ['Иванов Иван Иванович', false], ['Смирнова Света Олеговна', false],
    ]);
    expect(body.subjects.map((s: { name: string }) => s.name)).toEqual(['Английский язык', 'Математика']);
    expect(body.cells).toEqual([
      { studentId: w.ivanov.id, subjectId: w.maths.id, count: 3, mean: 3.8, debts: 0, periodMark: '4' },
      { studentId: w.smirnova.id, subjectId: w.maths.id, count: 1, mean: 2, debts: 1, periodMark: null },
    ]);
    expect(body.absences).toEqual([
      { studentId: w.ivanov.id, absent: 1, ill: 0, excused: 0, late: 1, missedLessons: 1 },
      { studentId: w.smirnova.id, absent: 0, ill: 1, excused: 0, late: 0, missedLessons: 1 },
    ]);
    expect(JSON.stringify(body)).not.toContain(w.sister.id);
  });

  it('shows another period on request, for the deputy and the director too', async () => {
    const res = await overview(schoolActor(w.schoolId, 'deputy'), w.classA.id, `?periodId=${w.q2.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().cells).toEqual([{ studentId: w.ivanov.id, subjectId: w.maths.id, count: 1, mean: 2, debts: 0, periodMark: null }]);
    expect(res.json().absences).toEqual([]);
    expect((await overview(schoolActor(w.schoolId, 'director'), w.classB.id)).statusCode).toBe(200);
  });

  it('refuses periods of other grades, bad ids, other classes and callers outside the class', async () => {
    const periods = (await as(t.app, schoolActor(w.schoolId, 'deputy')).get(`${base}/periods?academicYearId=${w.year.id}`)).json().items;
    const halfId = periods.find((p: { name: string }) => p.name === '1 полугодие').id;
    for (const periodId of [halfId, unknownId]) {
      const refused = await overview(classTeacher(), w.classA.id, `?periodId=${periodId}`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.periodId).toBeDefined();
    }
    expect((await overview(classTeacher(), w.classA.id, '?periodId=nope')).json().error.fields.periodId).toBeDefined();
    // Not his class, not a class teacher, not staff, not this school: nothing is revealed.
    expect((await overview(classTeacher(), w.classB.id)).statusCode).toBe(404);
    expect((await overview(schoolActor(w.schoolId, 'teacher', w.teacher.id), w.classA.id)).statusCode).toBe(404);
    expect((await overview(schoolActor(w.schoolId, 'student', w.ivanov.id), w.classA.id)).statusCode).toBe(403);
    expect((await overview(schoolActor(w.schoolId, 'guardian', w.mother.id), w.classA.id)).statusCode).toBe(403);
    expect((await overview(schoolActor(w.otherSchoolId, 'admin'), w.classA.id)).statusCode).toBe(404);
    expect((await overview(null, w.classA.id)).statusCode).toBe(401);
    expect((await overview(schoolActor(w.schoolId, 'deputy'), unknownId)).statusCode).toBe(404);
  });
});

describe('defaultPeriod', () => {
  const q1 = { id: 'q1', startsOn: '2025-09-01', endsOn: '2025-10-24' };
  const q2 = { id: 'q2', startsOn: '2025-11-05', endsOn: '2025-12-28' };
  const h1 = { id: 'h1', startsOn: '2025-09-01', endsOn: '2025-12-28' };
  it('takes the shortest period holding today, else the last begun, else the first', () => {
    expect(defaultPeriod([h1, q1, q2], '2025-09-20')?.id).toBe('q1');
    expect(defaultPeriod([q1, q2], '2025-10-30')?.id).toBe('q1');
    expect(defaultPeriod([q2, q1], '2025-08-20')?.id).toBe('q1');
    expect(defaultPeriod([], '2025-08-20')).toBeUndefined();
  });
});
