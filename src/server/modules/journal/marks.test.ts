import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBellSchedule } from '../../../../tests/factories/calendar.ts';
import { atLessonTime, closePeriod, journalCounts, journalRows, journalWorld, type JournalWorld, workTypeNamed } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { newId } from '../../db/ids.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { periods } from '../../db/schema/calendar.ts';
import { marks } from '../../db/schema/journal.ts';
import type { DiaryChange } from '../../events/diaryBus.ts';
import * as groups from '../structure/groupService.ts';
import * as load from '../structure/loadService.ts';
import { ensureDefaultWorkTypes } from '../grading/workTypeService.ts';

let t: TestContext;
let w: JournalWorld;
let base: string;
let answer: string;
let control: string;
const clock = new Date('2025-10-20T06:00:00Z');
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const snapshot = async () => ({ counts: await journalCounts(db(), w.schoolId), rows: await journalRows(db(), w.schoolId) });
const auditOf = async (markId: string) =>
  (await db().select().from(auditEntries).where(eq(auditEntries.schoolId, w.schoolId)).orderBy(auditEntries.seq))
    .filter((e) => e.entityId === markId || e.entityId?.startsWith(`${markId}/`));

const auditCount = async () => (await db().select().from(auditEntries).where(eq(auditEntries.schoolId, w.schoolId))).length;
const post = (actor: ReturnType<typeof teacher> | null, lessonId: string, body: object) =>
  as(t.app, actor).post(`${base}/lessons/${lessonId}/marks`, body);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await journalWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
  await ensureDefaultWorkTypes(db(), w.schoolId);
  answer = (await workTypeNamed(db(), w.schoolId, 'Ответ на уроке'))!.id;
  control = (await workTypeNamed(db(), w.schoolId, 'Контрольная работа'))!.id;
});
afterAll(async () => { await t.close(); });

describe('marks', () => {
  it('gives several marks to one student in one lesson, each with its work type, weight, author and time', async () => {
    const lesson = await w.lesson('2025-09-08');
    const actor = teacher();
    const first = await post(actor, lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '5', comment: 'У доски' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      lessonId: lesson.id, studentId: w.students.antonov.id, workTypeId: answer, weight: 1, scale: 'five', value: '5',
      comment: 'У доски', deleted: false, version: 1, authorUserId: actor.userId, createdAt: clock.toISOString(),
    });
    const second = await post(actor, lesson.id, { studentId: w.students.antonov.id, workTypeId: control, value: 4, weight: 3 });
    expect(second.json()).toMatchObject({ value: '4', weight: 3, version: 1 });
    const defaultWeight = await post(actor, lesson.id, { studentId: w.students.antonov.id, workTypeId: control, value: '3' });
    expect(defaultWeight.json().weight).toBe(2);
    const history = await as(t.app, actor).get(`${base}/marks/${first.json().id}/versions`);
    expect(history.json().versions).toEqual([expect.objectContaining({ version: 1, value: '5', authorUserId: actor.userId, at: clock.toISOString(), deleted: false })]);
  });

  it('corrects a mark as version 2 and keeps both versions in its history', async () => {
    const lesson = await w.lesson('2025-09-09');
    const author = teacher();
    const mark = (await post(author, lesson.id, { studentId: w.students.borisova.id, workTypeId: answer, value: '3' })).json();
    const corrector = teacher();
    const res = await as(t.app, corrector).patch(`${base}/marks/${mark.id}`, { version: 1, value: '4', workTypeId: control, reason: 'Ошибка при вводе' });
    expect(res.statusCode).toBe(200);
    // Another work type brings its weight.
    expect(res.json()).toMatchObject({ id: mark.id, version: 2, value: '4', workTypeId: control, weight: 2, authorUserId: corrector.userId });
    const history = (await as(t.app, schoolActor(w.schoolId, 'deputy')).get(`${base}/marks/${mark.id}/versions`)).json();
    expect(history.mark.version).toBe(2);
    expect(history.versions.map((v: { version: number; value: string; reason: string; authorUserId: string }) => [v.version, v.value, v.reason, v.authorUserId])).toEqual([
      [1, '3', '', author.userId],
      [2, '4', 'Ошибка при вводе', corrector.userId],
    ]);
    // The same values again write no new version.
    expect((await as(t.app, corrector).patch(`${base}/marks/${mark.id}`, { version: 2, value: '4' })).json().version).toBe(2);
  });

  it('deletes a mark by marking its row deleted and writing a version; a deleted mark cannot be changed', async () => {
    const lesson = await w.lesson('2025-09-10');
    const mark = (await post(teacher(), lesson.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '2' })).json();
    const res = await as(t.app, teacher()).delete(`${base}/marks/${mark.id}?version=1&reason=${encodeURIComponent('Не тот ученик')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deleted: true, version: 2, value: '2' });
    const [row] = await db().select().from(marks).where(and(eq(marks.schoolId, w.schoolId), eq(marks.id, mark.id)));
    expect(row).toMatchObject({ deleted: true, version: 2 });
    const versions = (await as(t.app, teacher()).get(`${base}/marks/${mark.id}/versions`)).json().versions;
    expect(versions.map((v: { deleted: boolean; reason: string }) => [v.deleted, v.reason])).toEqual([[false, ''], [true, 'Не тот ученик']]);
    const before = await snapshot();
    const again = await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 2, value: '5' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('mark.deleted');
    expect((await as(t.app, teacher()).delete(`${base}/marks/${mark.id}`)).json().error.fields.version).toBe('Обязательное поле');
    expect(await snapshot()).toEqual(before);
  });

  it('takes the version of a delete from a JSON body as well', async () => {
    const lesson = await w.lesson('2025-09-10', { lessonNumber: 2 });
    const mark = (await post(teacher(), lesson.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '4' })).json();
    const { TEST_ACTOR_HEADER } = await import('../../plugins/actor.ts');
    const res = await t.app.inject({
      method: 'DELETE', url: `${base}/marks/${mark.id}`, payload: { version: 1 }, headers: { [TEST_ACTOR_HEADER]: JSON.stringify(teacher()) },
    });
    expect(res.json()).toMatchObject({ deleted: true, version: 2 });
  });

  it('refuses a stale version with 409 and the current mark, and changes nothing', async () => {
    const lesson = await w.lesson('2025-09-11');
    const mark = (await post(teacher(), lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '3' })).json();
    await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1, value: '4' });
    const before = await snapshot();
    const stale = await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1, value: '5' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'mark.stale', current: { id: mark.id, version: 2, value: '4', deleted: false } });
    expect((await as(t.app, teacher()).delete(`${base}/marks/${mark.id}?version=1`)).json().error.code).toBe('mark.stale');
    expect((await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { value: '5' })).json().error.fields.version).toBe('Обязательное поле');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses values outside the scale, other scales in a class, unusable work types and bad fields, and changes nothing', async () => {
    const lesson = await w.lesson('2025-09-12');
    const archived = (await as(t.app, schoolActor(w.schoolId, 'admin')).post(`${base}/work-types`, { name: 'Старый вид', weight: 1, archived: true })).json();
    const good = { studentId: w.students.antonov.id, workTypeId: answer, value: '5' };
    const mark = (await post(teacher(), lesson.id, good)).json();
    const before = await snapshot();
    const field = async (body: object, name: string) => {
      const res = await post(teacher(), lesson.id, { ...good, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[name], JSON.stringify(body)).toBeDefined();
    };
    for (const value of ['6', '0', '4.5', 'pass', '', 7]) await field({ value }, 'value');
    await field({ scale: 'passFail', value: '5' }, 'value');
    await field({ scale: 'ten', value: '9' }, 'scale');
    await field({ scale: 'hundred', value: '90' }, 'scale');
    await field({ scale: 'twelve' }, 'scale');
    await field({ workTypeId: unknownId }, 'workTypeId');
    await field({ workTypeId: archived.id }, 'workTypeId');
    await field({ workTypeId: 'контрольная' }, 'workTypeId');
    await field({ weight: 0 }, 'weight');
    await field({ weight: 11 }, 'weight');
    await field({ studentId: undefined }, 'studentId');
    await field({ value: { five: 5 } }, 'value');
    expect((await post(teacher(), lesson.id, { ...good, scale: 'passFail', value: 'pass' })).statusCode).toBe(201);
    const afterPass = await snapshot();
    const patch = await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1, value: '10' });
    expect(patch.json().error).toMatchObject({ code: 'mark.value', fields: { value: 'Отметка от 1 до 5' } });
    expect((await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1, workTypeId: archived.id })).statusCode).toBe(400);
    expect((await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1 })).statusCode).toBe(400);
    expect((await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 'первая', value: '4' })).statusCode).toBe(400);
    expect(afterPass.counts.marks).toBe(before.counts.marks + 1);
    expect(await snapshot()).toEqual(afterPass);
  });

  it('takes ten- and hundred-point marks in an additional-education group', async () => {
    const group = await groups.createGroup(db(), w.schoolId, { academicYearId: w.year.id, name: 'Шахматы', kind: 'additional', classId: null });
    await groups.addMember(db(), w.schoolId, group.id, { studentId: w.students.borisova.id, startsOn: '2025-09-01' });
    await load.createAssignment(db(), w.schoolId, { staffId: w.teacher.id, groupId: group.id, subjectId: w.maths.id, periodId: null, hoursPerWeek: 1 });
    const lesson = await w.lesson('2025-09-13', { groupId: group.id });
    const mark = (value: string, scale: string) => post(teacher(), lesson.id, { studentId: w.students.borisova.id, workTypeId: answer, value, scale });
    expect((await mark('10', 'ten')).json()).toMatchObject({ scale: 'ten', value: '10' });
    expect((await mark('0', 'hundred')).json()).toMatchObject({ scale: 'hundred', value: '0' });
    expect((await mark('11', 'ten')).json().error.fields.value).toBe('Отметка от 1 до 10');
    expect((await mark('101', 'hundred')).statusCode).toBe(400);
    expect((await post(teacher(), lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '5' })).statusCode).toBe(400);
    // A membership that ended before the lesson's date no longer lets the student be marked in it.
    const member = await groups.addMember(db(), w.schoolId, group.id, { studentId: w.students.vasiliev.id, startsOn: '2025-09-01' });
    await groups.endMember(db(), w.schoolId, group.id, member.memberId!, { endsOn: '2025-09-12' });
    const ended = await post(teacher(), lesson.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '7', scale: 'ten' });
    expect(ended.json().error.code).toBe('journal.student_not_in_group');
    const onLastDay = await w.lesson('2025-09-12', { groupId: group.id });
    expect((await post(teacher(), onLastDay.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '7', scale: 'ten' })).statusCode).toBe(201);
  });

  it('locks a lesson only by a closed period of its own grades: a closed half-year of grades 10–11 leaves grade 5 open', async () => {
    const half = (await db().select().from(periods).where(and(eq(periods.schoolId, w.schoolId), eq(periods.name, '1 полугодие'))))[0]!;
    await closePeriod(db(), w.schoolId, half.id);
    const lesson = await w.lesson('2025-09-23');
    expect((await post(teacher(), lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '4' })).statusCode).toBe(201);
  });

  it('refuses a student who is not in the group on the lesson date, and changes nothing', async () => {
    const early = await w.lesson('2025-09-14');
    const late = await w.lesson('2025-09-20');
    const before = await snapshot();
    const refused = async (lessonId: string, studentId: string) => {
      const res = await post(teacher(), lessonId, { studentId, workTypeId: answer, value: '4' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ studentId: 'Ученик не числится в группе на дату урока' });
    };
    await refused(early.id, w.students.grigoriev.id); // admitted on 1 October
    await refused(late.id, w.students.dmitriev.id); // expelled on 15 September
    await refused(early.id, w.students.pupilB.id); // another class
    await refused(early.id, unknownId);
    expect(await snapshot()).toEqual(before);
    expect((await post(teacher(), early.id, { studentId: w.students.dmitriev.id, workTypeId: answer, value: '4' })).statusCode).toBe(201);
  });

  it('refuses a mark on a lesson that has not begun with 409 and writes nothing; takes it from the lesson\'s start', async () => {
    // The clock stands on 20.10, 13:00 in Barnaul (UTC+7). Without bells a lesson begins with its day.
    const tomorrow = await w.lesson('2025-10-21');
    const body = { studentId: w.students.antonov.id, workTypeId: answer, value: '4' };
    const before = await snapshot();
    const early = await post(teacher(), tomorrow.id, body);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'journal.lesson_in_future']);
    const code = (iso: string) => atLessonTime(clock, iso, async () => (await post(teacher(), tomorrow.id, body)).json().error?.code);
    expect(await code('2025-10-20T16:59:59Z')).toBe('journal.lesson_in_future');
    expect(await snapshot()).toEqual(before);
    expect(await code('2025-10-20T17:00:00Z')).toBeUndefined();
    // With the year's bells, lesson 2 begins at 09:25 in Barnaul: 02:25 UTC.
    await createBellSchedule(db(), w.schoolId, w.year.id);
    const second = await w.lesson('2025-10-22', { lessonNumber: 2 });
    const atBell = (iso: string) => atLessonTime(clock, iso, async () => (await post(teacher(), second.id, body)).json().error?.code);
    expect(await atBell('2025-10-22T02:24:59Z')).toBe('journal.lesson_in_future');
    expect(await atBell('2025-10-22T02:25:00Z')).toBeUndefined();
  });

  it('lets a topic and homework be written ahead for a lesson that has not begun', async () => {
    const nextWeek = await w.lesson('2025-10-27');
    const topic = await as(t.app, teacher()).patch(`${base}/lessons/${nextWeek.id}`, { version: 1, topic: 'Обыкновенные дроби' });
    expect(topic.statusCode).toBe(200);
    const homework = await as(t.app, teacher()).post(`${base}/lessons/${nextWeek.id}/homework`, { text: '№ 101, 102', dueDate: '2025-10-28' });
    expect(homework.statusCode).toBe(201);
  });

  it('refuses a cancelled lesson and a closed period with 409, and changes nothing', async () => {
    const cancelled = await w.lesson('2025-09-15', { status: 'cancelled' });
    const inQ2 = await w.lesson('2025-11-10');
    const mark = (await atLessonTime(clock, '2025-11-10', () => post(teacher(), inQ2.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '4' }))).json();
    await closePeriod(db(), w.schoolId, w.q2.id);
    const before = await snapshot();
    const body = { studentId: w.students.antonov.id, workTypeId: answer, value: '5' };
    expect((await post(teacher(), cancelled.id, body)).json().error.code).toBe('lesson.cancelled');
    const closed = await post(teacher(), inQ2.id, body);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('journal.period_closed');
    expect((await as(t.app, teacher()).patch(`${base}/marks/${mark.id}`, { version: 1, value: '5' })).json().error.code).toBe('journal.period_closed');
    expect((await as(t.app, teacher()).delete(`${base}/marks/${mark.id}?version=1`)).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only the lesson\'s teacher or its substitute write: readers get 403, others 404, no actor 401', async () => {
    const lesson = await w.lesson('2025-09-16');
    const substituted = await w.lesson('2025-09-16', { lessonNumber: 2, substituteStaffId: w.substitute.id });
    const mark = (await post(teacher(), lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '4' })).json();
    const body = { studentId: w.students.antonov.id, workTypeId: answer, value: '5' };
    const before = await snapshot();
    const statuses = async (actor: ReturnType<typeof teacher> | null) => [
      (await post(actor, lesson.id, body)).statusCode,
      (await as(t.app, actor).patch(`${base}/marks/${mark.id}`, { version: 1, value: '5' })).statusCode,
      (await as(t.app, actor).delete(`${base}/marks/${mark.id}?version=1`)).statusCode,
    ];
    for (const role of ['admin', 'director', 'deputy'] as const) expect(await statuses(schoolActor(w.schoolId, role)), role).toEqual([403, 403, 403]);
    expect(await statuses(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).toEqual([403, 403, 403]);
    expect(await statuses(schoolActor(w.schoolId, 'teacher', w.classTeacher.id))).toEqual([403, 403, 403]);
    expect(await statuses(schoolActor(w.schoolId, 'teacher', w.stranger.id))).toEqual([404, 404, 404]);
    expect(await statuses(schoolActor(w.schoolId, 'teacher', w.substitute.id))).toEqual([404, 404, 404]);
    expect(await statuses(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toEqual([403, 403, 403]);
    expect(await statuses(schoolActor(w.otherSchoolId, 'admin'))).toEqual([404, 404, 404]);
    expect(await statuses(null)).toEqual([401, 401, 401]);
    expect((await post(schoolActor(w.schoolId, 'admin'), lesson.id, body)).json().error.code).toBe('journal.read_only');
    expect(await snapshot()).toEqual(before);
    expect((await post(schoolActor(w.schoolId, 'teacher', w.substitute.id), substituted.id, body)).statusCode).toBe(201);
    expect((await post(teacher(), substituted.id, body)).statusCode).toBe(201);
  });

  it('hides unknown ids and another school\'s lessons and marks; reads history as the journal is read', async () => {
    const lesson = await w.lesson('2025-09-17');
    const mark = (await post(teacher(), lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '4' })).json();
    const other = `/api/v1/schools/${w.otherSchoolId}`;
    const otherAdmin = schoolActor(w.otherSchoolId, 'admin');
    const body = { studentId: w.students.antonov.id, workTypeId: answer, value: '5' };
    expect((await post(teacher(), unknownId, body)).json().error.code).toBe('lesson.not_found');
    expect((await as(t.app, teacher()).patch(`${base}/marks/${unknownId}`, { version: 1, value: '5' })).json().error.code).toBe('mark.not_found');
    expect((await as(t.app, otherAdmin).get(`${other}/marks/${mark.id}/versions`)).statusCode).toBe(404);
    expect((await as(t.app, otherAdmin).post(`${other}/lessons/${lesson.id}/marks`, body)).statusCode).toBe(404);
    expect((await as(t.app, teacher()).patch(`${other}/marks/${mark.id}`, { version: 1, value: '5' })).statusCode).toBe(404);
    expect((await as(t.app, teacher()).post(`${base}/lessons/not-an-id/marks`, body)).statusCode).toBe(400);
    const read = async (actor: ReturnType<typeof teacher> | null) => (await as(t.app, actor).get(`${base}/marks/${mark.id}/versions`)).statusCode;
    expect(await read(schoolActor(w.schoolId, 'teacher', w.classTeacher.id))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'director'))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.stranger.id))).toBe(404);
    expect(await read(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await read(null)).toBe(401);
  });

  it('tells the open diaries of the student after the mark is saved, and nothing when it is refused', async () => {
    const lesson = await w.lesson('2025-09-18');
    const seen: DiaryChange[] = [];
    const stop = t.app.diaryBus.subscribe(w.students.vasiliev.id, (change) => seen.push(change));
    await post(teacher(), lesson.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '9' });
    expect(seen).toEqual([]);
    await post(teacher(), lesson.id, { studentId: w.students.vasiliev.id, workTypeId: answer, value: '5' });
    // On PostgreSQL the change travels through NOTIFY, in order: the refused write, had it published, would come first.
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    stop();
    expect(seen).toEqual([{ schoolId: w.schoolId, studentIds: [w.students.vasiliev.id], kind: 'mark', lessonId: lesson.id, at: clock.toISOString() }]);
  });

  it('creates a mark once for a retried create with the client\'s id: the retry gets the same mark, no new version, no new audit entry', async () => {
    const lesson = await w.lesson('2025-09-22');
    const actor = teacher();
    const id = newId();
    const body = { id, studentId: w.students.antonov.id, workTypeId: answer, value: '5', comment: 'У доски' };
    const first = await post(actor, lesson.id, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id, lessonId: lesson.id, studentId: w.students.antonov.id, value: '5', version: 1 });
    const before = { ...(await snapshot()), audit: await auditCount() };
    const again = await post(actor, lesson.id, body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect({ ...(await snapshot()), audit: await auditCount() }).toEqual(before);
    const rows = await db().select().from(marks).where(and(eq(marks.schoolId, w.schoolId), eq(marks.id, id)));
    expect(rows).toHaveLength(1);
    expect((await as(t.app, actor).get(`${base}/marks/${id}/versions`)).json().versions).toHaveLength(1);
    expect((await auditOf(id)).map((e) => [e.entity, e.operation])).toEqual([['marks', 'insert'], ['mark_versions', 'insert']]);
    // A retry that arrives after a correction answers the mark as it is now, still writing nothing.
    await as(t.app, actor).patch(`${base}/marks/${id}`, { version: 1, value: '4' });
    const corrected = { ...(await snapshot()), audit: await auditCount() };
    expect((await post(actor, lesson.id, body)).json()).toMatchObject({ id, version: 2, value: '4' });
    expect({ ...(await snapshot()), audit: await auditCount() }).toEqual(corrected);
  });

  it('creates one mark when two identical creates with one id arrive at once', async () => {
    const lesson = await w.lesson('2025-09-23');
    const actor = teacher();
    const id = newId();
    const body = { id, studentId: w.students.borisova.id, workTypeId: answer, value: '4' };
    const before = await snapshot();
    const answers = await Promise.all([post(actor, lesson.id, body), post(actor, lesson.id, body)]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(answers[1]!.json()).toEqual(answers[0]!.json());
    expect((await snapshot()).counts).toEqual({ ...before.counts, marks: before.counts.marks + 1, markVersions: before.counts.markVersions + 1 });
    expect((await auditOf(id)).map((e) => [e.entity, e.operation])).toEqual([['marks', 'insert'], ['mark_versions', 'insert']]);
  });

  it('refuses an id taken by a mark of another student, lesson or author with 409, and a malformed id with 400, changing nothing', async () => {
    const lesson = await w.lesson('2025-09-24');
    const other = await w.lesson('2025-09-25');
    const substituted = await w.lesson('2025-09-24', { lessonNumber: 2, substituteStaffId: w.substitute.id });
    const id = newId();
    const body = { id, studentId: w.students.antonov.id, workTypeId: answer, value: '5' };
    expect((await post(teacher(), lesson.id, body)).statusCode).toBe(201);
    const bySubstitute = newId();
    expect((await post(schoolActor(w.schoolId, 'teacher', w.substitute.id), substituted.id, { ...body, id: bySubstitute })).statusCode).toBe(201);
    const before = { ...(await snapshot()), audit: await auditCount() };
    const taken = async (lessonId: string, change: object) => {
      const res = await post(teacher(), lessonId, { ...body, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'mark.id_taken', message: 'Идентификатор отметки уже занят другой отметкой (другого ученика, урока или учителя): обновите журнал и повторите',
        fields: { id: 'Идентификатор уже занят' },
      });
    };
    await taken(lesson.id, { studentId: w.students.borisova.id });
    await taken(other.id, {});
    // The lesson's own teacher may write the substituted lesson, but the mark with this id is the substitute's.
    await taken(substituted.id, { id: bySubstitute });
    for (const bad of ['not-a-uuid', '', 42, `${id}x`]) {
      const res = await post(teacher(), lesson.id, { ...body, id: bad });
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().error.fields.id, String(bad)).toBe('Неверный идентификатор');
    }
    expect({ ...(await snapshot()), audit: await auditCount() }).toEqual(before);
  });

  it('writes every change of a mark and its version to the audit log, with the actor and the reason', async () => {
    const lesson = await w.lesson('2025-09-19');
    const actor = teacher();
    const mark = (await post(actor, lesson.id, { studentId: w.students.antonov.id, workTypeId: answer, value: '3' })).json();
    await as(t.app, actor).patch(`${base}/marks/${mark.id}`, { version: 1, value: '4', reason: 'Пересдача' });
    const entries = (await db().select().from(auditEntries).where(eq(auditEntries.schoolId, w.schoolId)).orderBy(auditEntries.seq))
      .filter((e) => e.entityId === mark.id || e.entityId?.startsWith(`${mark.id}/`));
    expect(entries.map((e) => [e.entity, e.operation, e.reason, e.actorUserId])).toEqual([
      ['marks', 'insert', null, actor.userId],
      ['mark_versions', 'insert', null, actor.userId],
      ['marks', 'update', 'Пересдача', actor.userId],
      ['mark_versions', 'insert', 'Пересдача', actor.userId],
    ]);
  });
});
