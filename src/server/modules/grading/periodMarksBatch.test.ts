import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGradingWorld, type GradingWorld, insertLesson, insertMarks, periodMarkRows } from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: GradingWorld;
let outsiderId: string;
const clock = new Date('2025-10-20T09:00:00Z');
const batchUrl = () => `/api/v1/schools/${w.schoolId}/period-marks/batch`;
const body = (items: { studentId: string; value: string; version?: number }[], extra: Record<string, unknown> = {}) =>
  ({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id, items, ...extra });
const put = (payload: unknown, actor: Actor | null = w.actors.math) => as(t.app, actor).put(batchUrl(), payload);
const rows = async () => (await periodMarkRows(t.database.db, w.schoolId)).map((r) => [r.studentId, r.periodId, r.value, r.version]).sort();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await buildGradingWorld(db);
  const lesson = await insertLesson(db, w, w.math.id, '2025-09-02');
  await insertMarks(db, w, lesson.id, w.students[0]!.id, [['5', 'oral'], ['5', 'oral'], ['4', 'test']]);
  outsiderId = (await createStudent(db, w.schoolId, { lastName: 'Чужаков' })).id;
});
afterAll(async () => { await t.close(); });

describe('setting several period marks at once', () => {
  it('sets new marks and changes set ones in one request, storing each suggestion and its explanation', async () => {
    const [a, b, c] = w.students.map((s) => s.id) as [string, string, string];
    const first = await put(body([{ studentId: a, value: '5' }, { studentId: b, value: 'notAssessed' }]));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toMatchObject([
      { studentId: a, value: '5', suggested: '5', explanation: '4,50 → 5: средневзвешенное 3 оценок, порог «5» — 4,5', version: 1 },
      { studentId: b, value: 'notAssessed', suggested: 'notAssessed', explanation: 'Н/А: нет оценок при минимуме 3', version: 1 },
    ]);
    const second = await put(body([{ studentId: c, value: 'exempt' }, { studentId: a, value: '4', version: 1 }]));
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items.map((m: { studentId: string; value: string; version: number }) => [m.studentId, m.value, m.version]))
      .toEqual([[c, 'exempt', 1], [a, '4', 2]]);
    // The sheet reads what was saved.
    const sheet = (await as(t.app, w.actors.math).get(`/api/v1/schools/${w.schoolId}/period-marks?groupId=${w.groupId}&subjectId=${w.math.id}&periodId=${w.q1.id}`)).json();
    expect(sheet.items.map((i: { mark: { value: string } | null }) => i.mark?.value)).toEqual(['4', 'notAssessed', 'exempt']);
    // Year marks go through the same door.
    const year = await put(body([{ studentId: b, value: '3' }], { periodId: null, academicYearId: w.year.id }));
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json().items[0]).toMatchObject({ periodId: null, academicYearId: w.year.id, value: '3' });
  });

  it('refuses the whole batch on a stale version, naming the item, and changes nothing', async () => {
    const [a, b] = w.students.map((s) => s.id) as [string, string];
    const before = await rows();
    const res = await put(body([{ studentId: b, value: '5', version: 1 }, { studentId: a, value: '3', version: 1 }]));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'period_mark.stale', fields: { 'items.1.version': 'Отметку уже изменили' } });
    // A mark set meanwhile is not overwritten by a batch that thought it empty.
    expect((await put(body([{ studentId: a, value: '2' }]))).json().error.code).toBe('period_mark.stale');
    expect(await rows()).toEqual(before);
  });

  it('refuses bad input, students outside the group, other writers and a closed period, changing nothing', async () => {
    const [a] = w.students.map((s) => s.id) as [string];
    const before = await rows();
    expect((await put(body([{ studentId: a, value: '6' }]))).json().error.fields).toEqual({ 'items.0.value': '2–5, зачёт, незачёт, ОСВ или Н/А' });
    expect((await put(body([]))).json().error.fields).toEqual({ items: 'Хотя бы одна отметка' });
    expect((await put(body([{ studentId: a, value: '5', version: 2 }, { studentId: a, value: '4' }]))).json().error.fields)
      .toEqual({ 'items.1.studentId': 'Обучающийся указан дважды' });
    expect((await put(body([{ studentId: a, value: '5' }], { periodId: undefined }))).json().error.fields).toEqual({ periodId: 'Укажите период или учебный год' });
    const outside = await put(body([{ studentId: a, value: '5', version: 2 }, { studentId: outsiderId, value: '5' }]));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual({ 'items.1.studentId': 'Обучающийся не учился в этой группе в этот период' });
    expect((await put(body([{ studentId: a, value: '5', version: 2 }]), w.actors.russian)).json().error.code).toBe('period_mark.read_only');
    expect((await put(body([{ studentId: a, value: '5', version: 2 }]), w.actors.deputy)).statusCode).toBe(403);
    const other = await createSchool(t.database.db);
    expect((await put(body([{ studentId: a, value: '5', version: 2 }]), schoolActor(other.school.id, 'teacher'))).statusCode).toBe(404);
    expect((await put(body([{ studentId: a, value: '5', version: 2 }]), null)).statusCode).toBe(401);
    expect((await as(t.app, w.actors.deputy).post(`/api/v1/schools/${w.schoolId}/periods/${w.q1.id}/close`)).statusCode).toBe(201);
    const closed = await put(body([{ studentId: a, value: '5', version: 2 }]));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('journal.period_closed');
    expect(await rows()).toEqual(before);
  });
});
