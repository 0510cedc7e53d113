import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGradingWorld, type GradingWorld, insertLesson, insertMarks, periodMarkRows } from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createStaff } from '../../../../tests/factories/people.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { AcceptPreview } from '../../../shared/contract/grading.ts';
import { addDays } from '../../../shared/domain/calendar.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import type { Actor } from '../../policy/policy.ts';
import * as load from '../structure/loadService.ts';
import { UNDO_REASON } from './acceptService.ts';

let t: TestContext;
let w: GradingWorld;
let secondMath: Actor;
let clock = new Date('2025-10-20T09:00:00Z');
const school = () => `/api/v1/schools/${w.schoolId}`;
const q1 = () => ({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id });
const previewUrl = (query: Record<string, string> = q1()) => `${school()}/period-marks/accept-preview?${new URLSearchParams(query)}`;
const undoUrl = (batchId: string) => `${school()}/period-marks/accepts/${batchId}/undo`;
const preview = async (actor: Actor = w.actors.math) => {
  const res = await as(t.app, actor).get(previewUrl());
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AcceptPreview;
};
/** The confirmation of exactly what a preview showed. */
const confirmBody = (p: AcceptPreview) => ({
  ...q1(), items: p.items.map((i) => ({ studentId: i.student.id, value: i.value, ...(i.current ? { version: i.current.version } : {}) })),
});
const confirm = (body: unknown, actor: Actor | null = w.actors.math) => as(t.app, actor).post(`${school()}/period-marks/accept`, body);
const rows = async () => (await periodMarkRows(t.database.db, w.schoolId))
  .map((r) => [r.studentId, r.periodId, r.value, r.version, r.authorUserId]).sort();
const id = (n: number) => w.students[n]!.id;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await buildGradingWorld(db);
  const lessons = [];
  for (const date of ['2025-09-02', '2025-09-09', '2025-09-16']) lessons.push(await insertLesson(db, w, w.math.id, date));
  // Андреев: 5, 4, 5 (контрольная) → «5»; Борисова: two marks → Н/А; Васильев: 3, 3, 4 → «3».
  await insertMarks(db, w, lessons[0]!.id, id(0), [['5', 'oral'], ['4', 'oral']]);
  await insertMarks(db, w, lessons[1]!.id, id(0), [['5', 'test']]);
  await insertMarks(db, w, lessons[0]!.id, id(1), [['5', 'oral'], ['5', 'oral']]);
  await insertMarks(db, w, lessons[2]!.id, id(2), [['3', 'oral'], ['3', 'oral'], ['4', 'oral']]);
  const colleague = await createStaff(db, w.schoolId, { lastName: 'Вторая' });
  await load.createAssignment(db, w.schoolId, { staffId: colleague.id, groupId: w.groupId, subjectId: w.math.id, periodId: null, hoursPerWeek: 1 });
  secondMath = schoolActor(w.schoolId, 'teacher', colleague.id);
});
afterAll(async () => { await t.close(); });

describe('«Принять предложенные»: preview and confirmation', () => {
  it('previews every mark it would set, leaving Н/А out before the deadline, and writes nothing', async () => {
    const p = await preview();
    expect(p).toMatchObject({ periodId: w.q1.id, deadline: '2025-10-22', deadlinePassed: false, leftOutNotAssessed: 1 });
    expect(p.items.map((i) => [i.student.lastName, i.current, i.value, i.reason.code])).toEqual([
      ['Андреев', null, '5', 'weighted_mean'], ['Васильев', null, '3', 'weighted_mean'],
    ]);
    expect(p.items[0]!.reason.params).toEqual({ mean: 4.75, n: 3, value: 5, threshold: 4.5 });
    expect(await rows()).toEqual([]);
  });

  it('previews the year sheet against the year\'s own deadline, two days before its end', async () => {
    const res = await as(t.app, w.actors.math).get(previewUrl({ groupId: w.groupId, subjectId: w.math.id, academicYearId: w.year.id }));
    expect(res.statusCode, res.body).toBe(200);
    // No period marks yet: every year suggestion is Н/А, left out until the deadline passes.
    expect(res.json()).toMatchObject({ periodId: null, deadline: addDays(w.year.endsOn, -2), deadlinePassed: false, items: [], leftOutNotAssessed: 3 });
  });

  it('refuses a confirmation that differs from a fresh preview with 409, naming the item, and writes nothing', async () => {
    const p = await preview();
    const changedValue = confirmBody(p);
    changedValue.items[0]!.value = '4';
    const res = await confirm(changedValue);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'period_mark.preview_stale', fields: { 'items.0.value': 'Предложение изменилось' } });
    // Fewer items than the preview: the list changed.
    const fewer = await confirm({ ...q1(), items: confirmBody(p).items.slice(0, 1) });
    expect(fewer.json().error).toMatchObject({ code: 'period_mark.preview_stale', fields: { items: 'Появились новые предложенные отметки' } });
    // Борисова's Н/А was left out: it may not be slipped in.
    const slipped = await confirm({ ...q1(), items: [...confirmBody(p).items, { studentId: id(1), value: 'notAssessed' }] });
    expect(slipped.json().error.fields).toEqual({ 'items.2.studentId': 'Этой отметки больше нет среди предложенных' });
    expect(await rows()).toEqual([]);
  });

  it('refuses a preview whose suggestion changed before the confirmation (409, nothing written)', async () => {
    const p = await preview();
    // A new mark for Васильев meanwhile: 3, 3, 4, 5, 5 → 4,00 → «4».
    const lesson = await insertLesson(t.database.db, w, w.math.id, '2025-09-23');
    await insertMarks(t.database.db, w, lesson.id, id(2), [['5', 'oral'], ['5', 'oral']]);
    const res = await confirm(confirmBody(p));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ 'items.1.value': 'Предложение изменилось' });
    expect(await rows()).toEqual([]);
    expect((await preview()).items.map((i) => i.value)).toEqual(['5', '4']);
  });

  it('refuses bad input with 400 and foreign callers, writing nothing', async () => {
    const body = confirmBody(await preview());
    expect((await confirm({ ...body, items: [] })).json().error.fields).toEqual({ items: 'Хотя бы одна отметка' });
    expect((await confirm({ ...body, items: [{ studentId: id(0), value: '6' }] })).json().error.fields).toEqual({ 'items.0.value': '2–5, зачёт, незачёт, ОСВ или Н/А' });
    expect((await confirm({ ...body, periodId: undefined })).json().error.fields).toEqual({ periodId: 'Укажите период или учебный год' });
    expect((await confirm({ ...body, items: [...body.items, body.items[0]] })).json().error.fields).toEqual({ 'items.2.studentId': 'Обучающийся указан дважды' });
    expect((await confirm({ ...body, periodId: unknownId })).statusCode).toBe(400);
    expect((await as(t.app, w.actors.math).get(previewUrl({ groupId: w.groupId, subjectId: w.math.id }))).statusCode).toBe(400);
    expect((await confirm(body, w.actors.russian)).json().error.code).toBe('period_mark.read_only');
    expect((await confirm(body, w.actors.deputy)).statusCode).toBe(403);
    expect((await as(t.app, w.actors.deputy).get(previewUrl())).statusCode).toBe(403);
    const other = await createSchool(t.database.db);
    expect((await confirm(body, schoolActor(other.school.id, 'teacher'))).statusCode).toBe(404);
    expect((await confirm(body, null)).statusCode).toBe(401);
    expect(await rows()).toEqual([]);
  });

  it('sets exactly the previewed marks in one batch, which its teacher sees on the sheet until the window ends', async () => {
    const res = await confirm(confirmBody(await preview()));
    expect(res.statusCode, res.body).toBe(201);
    const { batch, items } = res.json();
    expect(batch).toMatchObject({ count: 2, createdAt: clock.toISOString(), undoUntil: new Date(clock.getTime() + 10 * 60_000).toISOString() });
    expect(items.map((m: { studentId: string; value: string; suggested: string; version: number }) => [m.studentId, m.value, m.suggested, m.version]))
      .toEqual([[id(0), '5', '5', 1], [id(2), '4', '4', 1]]);
    expect(items[0].reason).toEqual({ code: 'weighted_mean', params: { mean: 4.75, n: 3, value: 5, threshold: 4.5 } });
    const sheet = (await as(t.app, w.actors.math).get(`${school()}/period-marks?${new URLSearchParams(q1())}`)).json();
    expect(sheet.undoable).toEqual(batch);
    expect((await as(t.app, secondMath).get(`${school()}/period-marks?${new URLSearchParams(q1())}`)).json().undoable).toBeNull();
    // Nothing left to accept before the deadline.
    expect((await preview()).items).toEqual([]);
  });
});

describe('«Отменить»: the undo of the latest batch', () => {
  let batchId: string;
  beforeAll(async () => {
    const sheet = (await as(t.app, w.actors.math).get(`${school()}/period-marks?${new URLSearchParams(q1())}`)).json();
    batchId = sheet.undoable.id;
  });

  it('is refused to another teacher of the subject (403), others (403/404) and a malformed id (400), changing nothing', async () => {
    const before = await rows();
    const colleague = await as(t.app, secondMath).post(undoUrl(batchId));
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().error.code).toBe('period_mark.undo_not_author');
    expect((await as(t.app, w.actors.russian).post(undoUrl(batchId))).statusCode).toBe(403);
    expect((await as(t.app, w.actors.deputy).post(undoUrl(batchId))).statusCode).toBe(403);
    const other = await createSchool(t.database.db);
    expect((await as(t.app, schoolActor(other.school.id, 'teacher')).post(`/api/v1/schools/${other.school.id}/period-marks/accepts/${batchId}/undo`)).statusCode).toBe(404);
    expect((await as(t.app, w.actors.math).post(undoUrl(unknownId))).statusCode).toBe(404);
    expect((await as(t.app, w.actors.math).post(undoUrl('12'))).statusCode).toBe(400);
    expect((await as(t.app, null).post(undoUrl(batchId))).statusCode).toBe(401);
    expect(await rows()).toEqual(before);
  });

  it('removes the marks the batch created, audited with its reason, and only once', async () => {
    const res = await as(t.app, w.actors.math).post(undoUrl(batchId));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ restored: [], removed: expect.arrayContaining([id(0), id(2)]) });
    expect(await rows()).toEqual([]);
    const audit = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'period_marks'))).orderBy(auditEntries.seq);
    // Each mark's history stays: set by the batch, removed by the undo with its reason, by its teacher.
    expect(audit.map((e) => [e.operation, e.reason, e.actorUserId])).toEqual([
      ['insert', null, w.actors.math.userId], ['insert', null, w.actors.math.userId],
      ['delete', UNDO_REASON, w.actors.math.userId], ['delete', UNDO_REASON, w.actors.math.userId],
    ]);
    const again = await as(t.app, w.actors.math).post(undoUrl(batchId));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('period_mark.undo_done');
    expect((await as(t.app, w.actors.math).get(`${school()}/period-marks?${new URLSearchParams(q1())}`)).json().undoable).toBeNull();
  });

  it('restores a mark that followed an earlier suggestion as a new version, with its earlier author', async () => {
    // After the deadline Н/А is accepted too.
    clock = new Date('2025-10-23T09:00:00Z');
    const first = await preview();
    expect(first).toMatchObject({ deadlinePassed: true, leftOutNotAssessed: 0 });
    expect(first.items.map((i) => i.value)).toEqual(['5', 'notAssessed', '4']);
    // Васильев's «4» is set by the colleague, as the suggestion then was.
    expect((await as(t.app, secondMath).put(`${school()}/period-marks`, { ...q1(), studentId: id(2), value: '4' })).statusCode).toBe(200);
    const lesson = await insertLesson(t.database.db, w, w.math.id, '2025-10-01');
    await insertMarks(t.database.db, w, lesson.id, id(2), [['5', 'oral'], ['5', 'oral'], ['5', 'oral'], ['5', 'oral'], ['5', 'oral']]);
    const p = await preview();
    expect(p.items.map((i) => [i.student.lastName, i.current, i.value])).toEqual([
      ['Андреев', null, '5'], ['Борисова', null, 'notAssessed'], ['Васильев', { value: '4', version: 1 }, '5'],
    ]);
    const res = await confirm(confirmBody(p));
    expect(res.statusCode, res.body).toBe(201);
    const undo = await as(t.app, w.actors.math).post(undoUrl(res.json().batch.id));
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().restored).toMatchObject([{ studentId: id(2), value: '4', suggested: '4', version: 3, authorUserId: secondMath.userId }]);
    expect(await rows()).toEqual([[id(2), w.q1.id, '4', 3, secondMath.userId]]);
  });

  it('refuses after the window, for an older batch, or when a mark changed since: 409, nothing changed', async () => {
    const late = await confirm(confirmBody(await preview()));
    expect(late.statusCode).toBe(201);
    clock = new Date(clock.getTime() + 10 * 60_000);
    const expired = await as(t.app, w.actors.math).post(undoUrl(late.json().batch.id));
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error).toMatchObject({ code: 'period_mark.undo_expired', message: 'Отменить принятие можно только в течение 10 минут' });

    // A later batch on the sheet: the earlier one may no longer be undone.
    const lesson = await insertLesson(t.database.db, w, w.math.id, '2025-10-02');
    await insertMarks(t.database.db, w, lesson.id, id(1), [['3', 'oral'], ['3', 'oral']]);
    const older = (await confirm(confirmBody(await preview()))).json().batch.id;
    await insertMarks(t.database.db, w, lesson.id, id(1), [['2', 'oral'], ['2', 'oral'], ['2', 'oral']]);
    const newer = await confirm(confirmBody(await preview()));
    expect(newer.json().items.map((m: { studentId: string; value: string }) => [m.studentId, m.value])).toEqual([[id(1), '3']]);
    const before = await rows();
    const notLatest = await as(t.app, w.actors.math).post(undoUrl(older));
    expect(notLatest.statusCode).toBe(409);
    expect(notLatest.json().error.code).toBe('period_mark.undo_not_latest');

    // The latest batch's mark changed by hand since: refused, naming it.
    const mark = newer.json().items[0];
    expect((await as(t.app, w.actors.math).put(`${school()}/period-marks`, { ...q1(), studentId: id(1), value: '2', version: mark.version })).statusCode).toBe(200);
    const afterHand = await rows();
    const changed = await as(t.app, w.actors.math).post(undoUrl(newer.json().batch.id));
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'period_mark.undo_changed', fields: { 'items.0.studentId': 'Отметку изменили после принятия' } });
    expect(await rows()).toEqual(afterHand);
    expect(afterHand).not.toEqual(before);
  });

  it('refuses the undo in a closed period', async () => {
    const lesson = await insertLesson(t.database.db, w, w.math.id, '2025-10-03');
    await insertMarks(t.database.db, w, lesson.id, id(0), [['2', 'oral'], ['2', 'oral'], ['2', 'oral'], ['2', 'oral']]);
    const batch = await confirm(confirmBody(await preview()));
    expect(batch.statusCode, batch.body).toBe(201);
    expect((await as(t.app, w.actors.deputy).post(`${school()}/periods/${w.q1.id}/close`)).statusCode).toBe(201);
    const before = await rows();
    const res = await as(t.app, w.actors.math).post(undoUrl(batch.json().batch.id));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('journal.period_closed');
    expect((await as(t.app, w.actors.math).get(previewUrl())).json().error.code).toBe('journal.period_closed');
    expect(await rows()).toEqual(before);
  });
});
