import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertHomework, insertMark, takeAttendanceEverywhere } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ComplianceFlag, ControlFlags } from '../../../shared/contract/control.ts';

// The school is in Asia/Barnaul (UTC+7): the 1st lesson ends at 09:15 local = 02:15 UTC, and a
// local day ends at 17:00 UTC. "Now" is 20 October 2025, 10:00 local; the 1st quarter ends on
// 24 October, so its period-mark deadline (22 October) is two days away.
const NOW = new Date('2025-10-20T03:00:00Z');
let clock = NOW;
let t: TestContext;
let w: DiaryWorld;
type Key = 'onTime' | 'late' | 'written' | 'noTopic' | 'substituted' | 'lateHomework' | 'lateMark' | 'lateWritten';
const ids = {} as Record<Key, string>;

const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/control/flags?${query}`;
const range = 'from=2025-09-01&to=2025-10-31';
const deputy = () => schoolActor(w.schoolId, 'deputy');
const flagsOf = (body: ControlFlags) => body.byTeacher.flatMap((g) => g.flags);
const kinds = (flags: ComplianceFlag[], kind: string) => flags.filter((f) => f.kind === kind);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const mark = (lessonId: string, studentId: string, createdAt: string, written = false, deleted = false) =>
    insertMark(db, { schoolId: s, lessonId, studentId, workTypeId: written ? w.test.id : w.answer.id, value: '4', createdAt: new Date(createdAt), deleted });
  const onTime = await w.mathsLesson('2025-09-08');
  const late = await w.mathsLesson('2025-09-09');
  const written = await w.mathsLesson('2025-09-10');
  const noTopic = await w.mathsLesson('2025-09-11', { topic: '' });
  await w.mathsLesson('2025-09-12', { topic: '', status: 'cancelled' });
  await w.mathsLesson('2025-10-20', { topic: '' });
  await w.mathsLesson('2025-10-21', { topic: '  ' });
  const substituted = await w.englishLesson('2025-09-08', { topic: ' ', substituteStaffId: w.substitute.id });
  Object.assign(ids, { onTime: onTime.id, late: late.id, written: written.id, noTopic: noTopic.id, substituted: substituted.id });

  await insertHomework(db, { schoolId: s, lessonId: onTime.id, dueDate: '2025-09-09', text: '№ 1', createdAt: new Date('2025-09-08T03:45:00Z') });
  const lateHw = await insertHomework(db, { schoolId: s, lessonId: late.id, dueDate: '2025-09-10', text: '№ 2', createdAt: new Date('2025-09-09T03:45:01Z') });
  ids.lateHomework = lateHw.id;

  await mark(onTime.id, w.ivanov.id, '2025-09-08T16:59:59Z');
  ids.lateMark = (await mark(late.id, w.ivanov.id, '2025-09-09T17:00:00Z')).id;
  await mark(written.id, w.ivanov.id, '2025-09-17T16:59:59Z', true);
  ids.lateWritten = (await mark(written.id, w.smirnova.id, '2025-09-17T17:00:00Z', true)).id;
  await mark(written.id, w.smirnova.id, '2025-09-11T10:00:00Z', true, true);
  await mark(onTime.id, w.smirnova.id, '2025-09-08T05:00:00Z', false, true);
  // Attendance taken everywhere on the day: its flag has its own tests (attendanceFlag.test.ts).
  await takeAttendanceEverywhere(db, s, 'Asia/Barnaul');
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/control/flags', () => {
  it('flags homework entered more than 1.5 h after the lesson, not exactly 1.5 h', async () => {
    const res = await as(t.app, deputy()).get(url(range));
    expect(res.statusCode).toBe(200);
    const homework = kinds(flagsOf(res.json()), 'homework_late');
    expect(homework).toEqual([expect.objectContaining({
      lessonId: ids.late, lessonDate: '2025-09-09', entryId: ids.lateHomework, enteredAt: '2025-09-09T03:45:01.000Z',
      staffId: w.teacher.id, classId: w.classA.id, subjectName: 'Математика', citation: 'Положение об ЭЖ (003), п. 2.7',
    })]);
  });

  it('flags a mark entered after the lesson\'s day, and a written work\'s mark only after seven days', async () => {
    const flags = flagsOf((await as(t.app, deputy()).get(url(range))).json());
    expect(kinds(flags, 'mark_late').map((f) => [f.entryId, f.studentId, f.studentName])).toEqual([[ids.lateMark, w.ivanov.id, 'Иванов И. И.']]);
    expect(kinds(flags, 'written_mark_late').map((f) => [f.entryId, f.lessonId])).toEqual([[ids.lateWritten, ids.written]]);
  });

  it('flags past lessons held without a topic, to whoever took them', async () => {
    const flags = kinds(flagsOf((await as(t.app, deputy()).get(url(range))).json()), 'topic_missing');
    expect(flags.map((f) => [f.lessonId, f.staffId]).sort()).toEqual([[ids.noTopic, w.teacher.id], [ids.substituted, w.substitute.id]].sort());
  });

  it('flags students below the minimum of marks when the period-mark deadline is near', async () => {
    const flags = kinds(flagsOf((await as(t.app, deputy()).get(url(range))).json()), 'few_marks');
    const got = flags.map((f) => [f.subjectName, f.studentId, f.marks]).sort();
    // Иванов has three maths marks (enough) and none in English; Смирнова one current maths mark.
    expect(got).toEqual([['Английский язык', w.ivanov.id, 0], ['Математика', w.smirnova.id, 1]].sort());
    expect(flags[0]).toMatchObject({ periodId: w.q1.id, deadline: '2025-10-22', minMarks: 3, lessonId: null });
    expect(flags.find((f) => f.subjectName === 'Английский язык')!.staffId).toBe(w.english.id);
  });

  it('does not flag few marks while the deadline is more than a week away', async () => {
    clock = new Date('2025-10-14T03:00:00Z');
    try {
      const body = (await as(t.app, deputy()).get(url(range))).json() as ControlFlags;
      expect(body.totals.few_marks).toBe(0);
      clock = new Date('2025-10-15T03:00:00Z');
      expect(((await as(t.app, deputy()).get(url(range))).json() as ControlFlags).totals.few_marks).toBe(2);
    } finally {
      clock = NOW;
    }
  });

  it('groups the flags per teacher and per class with counts by kind', async () => {
    const body = (await as(t.app, schoolActor(w.schoolId, 'director')).get(url(range))).json() as ControlFlags;
    expect(body.today).toBe('2025-10-20');
    expect(body.totals).toEqual({ homework_late: 1, mark_late: 1, written_mark_late: 1, topic_missing: 2, few_marks: 2, attendance_missing: 0, period_mark_missing: 0 });
    const teacher = body.byTeacher.find((g) => g.id === w.teacher.id)!;
    expect(teacher).toMatchObject({ name: 'Математикова М. И.', total: 5, counts: { homework_late: 1, mark_late: 1, written_mark_late: 1, topic_missing: 1, few_marks: 1, attendance_missing: 0, period_mark_missing: 0 } });
    expect(body.byTeacher.map((g) => g.id).sort()).toEqual([w.teacher.id, w.english.id, w.substitute.id].sort());
    expect(body.byClass).toEqual([expect.objectContaining({ id: w.classA.id, name: '5А', total: 7 })]);
  });

  it('narrows to a teacher, a class or a date range', async () => {
    const bySubstitute = (await as(t.app, deputy()).get(url(`${range}&staffId=${w.substitute.id}`))).json() as ControlFlags;
    expect(flagsOf(bySubstitute).map((f) => f.kind)).toEqual(['topic_missing']);
    const byEnglish = (await as(t.app, deputy()).get(url(`${range}&staffId=${w.english.id}`))).json() as ControlFlags;
    expect(flagsOf(byEnglish).map((f) => f.kind)).toEqual(['few_marks']);
    const classB = (await as(t.app, deputy()).get(url(`${range}&classId=${w.classB.id}`))).json() as ControlFlags;
    expect(classB.byTeacher).toEqual([]);
    const oneDay = (await as(t.app, deputy()).get(url('from=2025-09-09&to=2025-09-09'))).json() as ControlFlags;
    // A period overlapping the range brings its few-marks flags along.
    expect(oneDay.totals).toEqual({ homework_late: 1, mark_late: 1, written_mark_late: 0, topic_missing: 0, few_marks: 2, attendance_missing: 0, period_mark_missing: 0 });
  });

  it('answers 400 for a reversed or missing range and for unknown or foreign filters', async () => {
    const reversed = await as(t.app, deputy()).get(url('from=2025-10-01&to=2025-09-01'));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toHaveProperty('to');
    expect((await as(t.app, deputy()).get(url('to=2025-09-01'))).json().error.fields).toEqual({ from: 'Обязательное поле' });
    expect((await as(t.app, deputy()).get(url(`${range}&staffId=nope`))).statusCode).toBe(400);
    const unknown = await as(t.app, deputy()).get(url(`${range}&staffId=${unknownId}`));
    expect([unknown.statusCode, unknown.json().error.fields]).toEqual([400, { staffId: expect.any(String) }]);
    const foreign = await as(t.app, deputy()).get(url(`${range}&classId=${unknownId}`));
    expect([foreign.statusCode, foreign.json().error.fields]).toEqual([400, { classId: expect.any(String) }]);
  });

  it('refuses a teacher and a student with 403, another school\'s admin with 404, and no actor with 401', async () => {
    const teacher = await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url(range));
    expect([teacher.statusCode, teacher.json().error.code]).toEqual([403, 'policy.forbidden']);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(url(range))).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(url(range))).statusCode).toBe(404);
    expect((await as(t.app, null).get(url(range))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(url(range, w.otherSchoolId))).statusCode).toBe(200);
  });
});
