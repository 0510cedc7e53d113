import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lessonsOfGroup, timetableRows, timetableWorld, type TimetableWorld } from '../../../../tests/factories/journal.ts';
import { createGuardian, createStudent, linkGuardian } from '../../../../tests/factories/people.ts';
import { admit } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { lessons, timetableSlots } from '../../db/schema/timetable.ts';

// 10:00 in Barnaul on Wednesday 1 October 2025: lessons after today follow the timetable.
const clock = new Date('2025-10-01T03:00:00Z');
const unknownId = '01900000-0000-7000-8000-000000000000';
let t: TestContext;
let w: TimetableWorld;
let base: string;
const db = () => t.database.db;
const admin = () => schoolActor(w.schoolId, 'admin');
const post = (body: Record<string, unknown>, actor = admin()) => as(t.app, actor).post(`${base}/timetable-slots`, w.slotBody(body));

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
beforeEach(async () => {
  w = await timetableWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
});
afterAll(async () => { await t.close(); });

describe('timetable slots', () => {
  it('are created, read, listed, changed and deleted by the deputy', async () => {
    const deputy = as(t.app, schoolActor(w.schoolId, 'deputy'));
    const created = await deputy.post(`${base}/timetable-slots`, w.slotBody({ weekParity: 'odd' }));
    expect(created.statusCode, created.body).toBe(201);
    const slot = created.json();
    expect(slot).toMatchObject({ groupId: w.class5.groupId, weekday: 1, lessonNumber: 1, weekParity: 'odd', roomId: w.room101.id });
    expect((await deputy.get(`${base}/timetable-slots/${slot.id}`)).json()).toMatchObject({ id: slot.id });
    await post({ lessonNumber: 2, roomId: undefined });
    const list = await deputy.get(`${base}/timetable-slots?groupId=${w.class5.groupId}&academicYearId=${w.year.id}&on=2025-09-01&limit=1`);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0].id).toBe(slot.id);
    const next = await deputy.get(`${base}/timetable-slots?groupId=${w.class5.groupId}&cursor=${list.json().nextCursor}`);
    expect(next.json().items.map((s: { lessonNumber: number; roomId: string | null }) => [s.lessonNumber, s.roomId])).toEqual([[2, null]]);
    expect((await deputy.get(`${base}/timetable-slots?staffId=${w.russianTeacher.id}`)).json().items).toEqual([]);
    const patched = await deputy.patch(`${base}/timetable-slots/${slot.id}`, { roomId: w.room102.id, weekParity: null });
    expect(patched.json()).toMatchObject({ roomId: w.room102.id, weekParity: null, weekday: 1 });
    const deleted = await deputy.delete(`${base}/timetable-slots/${slot.id}`);
    expect(deleted.json()).toMatchObject({ deleted: true });
    expect((await deputy.get(`${base}/timetable-slots/${slot.id}`)).statusCode).toBe(404);
  });

  it('refuses a clash of group, teacher or room with 409, naming the slot it meets, and writes nothing', async () => {
    const first = (await post({})).json();
    const before = await timetableRows(db(), w.schoolId);
    const clash = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'timetable_slot.clash', current: { id: first.id } });
      return Object.keys(res.json().error.fields).sort();
    };
    expect(await clash({ subjectId: w.russian.id, staffId: w.russianTeacher.id, roomId: w.room102.id })).toEqual(['groupId']);
    expect(await clash({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, validFrom: '2026-05-31' })).toEqual(['roomId']);
    expect(await clash({ roomId: null, weekParity: 'even', validFrom: '2025-12-01', validTo: '2025-12-31' })).toEqual(['groupId', 'staffId']);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
    // Other weekday, other number, later dates, or another room at another time: no clash.
    expect((await post({ weekday: 2 })).statusCode).toBe(201);
    expect((await post({ lessonNumber: 2, roomId: w.room102.id })).statusCode).toBe(201);
  });

  it('lets an odd-week slot share its time with an even-week one, but not with an every-week one', async () => {
    const odd = { weekParity: 'odd', roomId: null };
    expect((await post(odd)).statusCode).toBe(201);
    expect((await post({ ...odd, weekParity: 'even', subjectId: w.russian.id, staffId: w.russianTeacher.id })).statusCode).toBe(201);
    expect((await post({ ...odd, weekParity: undefined, groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: w.room102.id })).statusCode).toBe(201);
    expect((await post({ roomId: w.room102.id, groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, weekParity: 'odd' })).statusCode).toBe(409);
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    await post({});
    const before = await timetableRows(db(), w.schoolId);
    const fields = async (body: Record<string, unknown>, status = 400) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error.fields;
    };
    expect(await fields({ staffId: w.substitute.id, lessonNumber: 5 })).toEqual({ staffId: 'Нет нагрузки по этому предмету в этой группе' });
    expect(await fields({ subjectId: w.reading.id, lessonNumber: 5 })).toEqual({ staffId: expect.any(String) });
    expect(await fields({ groupId: unknownId })).toEqual({ groupId: 'Группа не найдена' });
    expect(await fields({ groupId: w.other.class.groupId })).toEqual({ groupId: 'Группа не найдена' });
    expect(await fields({ staffId: w.other.teacher.id, lessonNumber: 5 })).toEqual({ staffId: expect.any(String) });
    expect(await fields({ roomId: w.other.room.id, lessonNumber: 5 })).toEqual({ roomId: 'Кабинет не найден' });
    expect(await fields({ validFrom: '2025-08-31', validTo: '2026-06-01' })).toEqual({ validFrom: 'Внутри учебного года группы', validTo: 'Внутри учебного года группы' });
    expect(await fields({ validFrom: '2025-10-01', validTo: '2025-09-30' })).toEqual({ validTo: 'Не раньше даты начала' });
    expect(await fields({ weekday: 0, lessonNumber: 16, weekParity: 'weekly', validFrom: '01.09.2025' }))
      .toEqual({ weekday: expect.any(String), lessonNumber: 'От 0 до 15', weekParity: expect.any(String), validFrom: 'Дата в формате ГГГГ-ММ-ДД' });
    expect(await fields({ weekday: 'понедельник' })).toEqual({ weekday: expect.any(String) });
    const missing = await as(t.app, admin()).post(`${base}/timetable-slots`, {});
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['groupId', 'lessonNumber', 'staffId', 'subjectId', 'validFrom', 'validTo', 'weekday']);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('refuses a change that breaks a rule, an empty change and unknown slots, changing nothing', async () => {
    const slot = (await post({})).json();
    const other = (await post({ lessonNumber: 2, subjectId: w.russian.id, staffId: w.russianTeacher.id, roomId: null })).json();
    const before = await timetableRows(db(), w.schoolId);
    const patch = (id: string, body: object) => as(t.app, admin()).patch(`${base}/timetable-slots/${id}`, body);
    expect((await patch(other.id, { lessonNumber: 1 })).json().error).toMatchObject({ code: 'timetable_slot.clash', current: { id: slot.id } });
    expect((await patch(slot.id, { staffId: w.russianTeacher.id })).json().error.code).toBe('timetable_slot.not_assigned');
    expect((await patch(slot.id, { validTo: '2026-06-30' })).statusCode).toBe(400);
    expect((await patch(slot.id, {})).json().error.code).toBe('validation.nothing_to_update');
    expect((await patch(unknownId, { lessonNumber: 3 })).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.other.schoolId, 'admin')).patch(`/api/v1/schools/${w.other.schoolId}/timetable-slots/${slot.id}`, { lessonNumber: 3 })).statusCode).toBe(404);
    expect((await as(t.app, admin()).delete(`${base}/timetable-slots/${unknownId}`)).statusCode).toBe(404);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('is written only by the administrator and the deputy', async () => {
    const slot = (await post({})).json();
    const before = await timetableRows(db(), w.schoolId);
    for (const [actor, status] of [
      [null, 401], [schoolActor(w.schoolId, 'teacher', w.teacher.id), 403], [schoolActor(w.schoolId, 'director'), 403],
      [schoolActor(w.schoolId, 'student'), 403], [schoolActor(w.other.schoolId, 'admin'), 404],
    ] as const) {
      expect((await post({ lessonNumber: 4 }, actor as never)).statusCode).toBe(status);
      expect((await as(t.app, actor).patch(`${base}/timetable-slots/${slot.id}`, { lessonNumber: 4 })).statusCode).toBe(status);
      expect((await as(t.app, actor).delete(`${base}/timetable-slots/${slot.id}`)).statusCode).toBe(status);
    }
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('is read by staff, and by a student or guardian only for their own groups', async () => {
    const slot5 = (await post({})).json();
    const slot1 = (await post({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: null, lessonNumber: 2 })).json();
    const student = await createStudent(db(), w.schoolId);
    await admit(db(), w.schoolId, student.id, w.class5.id, '2025-09-01');
    const guardian = await createGuardian(db(), w.schoolId);
    await linkGuardian(db(), w.schoolId, student.id, guardian.id);
    const ids = async (actor: ReturnType<typeof admin>) => (await as(t.app, actor).get(`${base}/timetable-slots`)).json().items.map((s: { id: string }) => s.id).sort();
    expect(await ids(schoolActor(w.schoolId, 'teacher', w.readingTeacher.id))).toEqual([slot5.id, slot1.id].sort());
    expect(await ids(schoolActor(w.schoolId, 'director'))).toEqual([slot5.id, slot1.id].sort());
    expect(await ids(schoolActor(w.schoolId, 'student', student.id))).toEqual([slot5.id]);
    expect(await ids(schoolActor(w.schoolId, 'guardian', guardian.id))).toEqual([slot5.id]);
    expect((await as(t.app, schoolActor(w.schoolId, 'guardian', guardian.id)).get(`${base}/timetable-slots/${slot1.id}`)).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', student.id)).get(`${base}/timetable-slots/${slot5.id}`)).statusCode).toBe(200);
    expect((await as(t.app, schoolActor(w.other.schoolId, 'admin')).get(`${base}/timetable-slots`)).statusCode).toBe(404);
    expect((await as(t.app, null).get(`${base}/timetable-slots`)).statusCode).toBe(401);
  });
});

describe('a timetable change rewrites only the future', () => {
  it('adds the lessons after today when a slot is created', async () => {
    const res = await post({ validTo: '2025-10-31' });
    // Mondays after 1 October up to the vacation: 6, 13 and 20 October.
    expect(res.json().lessons).toEqual({ inserted: 3, removed: 0, kept: [] });
    expect((await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!)).map((l) => l.date)).toEqual(['2025-10-06', '2025-10-13', '2025-10-20']);
  });

  it('on a change replaces the untouched future lessons, keeps the past and the written ones, and reports them', async () => {
    const slot = (await post({ validTo: '2025-11-30' })).json();
    await as(t.app, schoolActor(w.schoolId, 'deputy')).post(`${base}/lessons/generate`, { academicYearId: w.year.id, from: '2025-09-01', to: '2025-09-30' });
    const before = await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!);
    const past = before.filter((l) => l.date < '2025-10-01');
    const written = before.find((l) => l.date === '2025-10-13')!;
    await db().update(lessons).set({ topic: 'Делимость', version: 2 }).where(eq(lessons.id, written.id));
    const res = await as(t.app, admin()).patch(`${base}/timetable-slots/${slot.id}`, { weekday: 2, roomId: w.room102.id });
    expect(res.statusCode, res.body).toBe(200);
    // Mondays 6, 20 October and 10–24 November go; Tuesdays 7–21 October and 11–25 November come.
    expect(res.json().lessons).toEqual({ inserted: 6, removed: 5, kept: [{ id: written.id, date: '2025-10-13', lessonNumber: 1 }] });
    const after = await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!);
    expect(after.filter((l) => l.date < '2025-10-01')).toEqual(past);
    expect(after.find((l) => l.id === written.id)).toMatchObject({ topic: 'Делимость', roomId: w.room101.id });
    expect(after.filter((l) => l.date > '2025-10-01' && l.id !== written.id).every((l) => l.roomId === w.room102.id && l.date.length === 10)).toBe(true);

    const deleted = await as(t.app, admin()).delete(`${base}/timetable-slots/${slot.id}`);
    expect(deleted.json()).toEqual({ deleted: true, lessons: { inserted: 0, removed: 6, kept: [{ id: written.id, date: '2025-10-13', lessonNumber: 1 }] } });
    const left = await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!);
    expect(left.map((l) => l.id).sort()).toEqual([...past.map((l) => l.id), written.id].sort());
    expect(left.every((l) => l.slotId === null)).toBe(true);
    expect(await db().select().from(timetableSlots).where(eq(timetableSlots.id, slot.id))).toEqual([]);
  });
});
