import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertLesson } from '../../../../tests/factories/diary.ts';
import { createStaff } from '../../../../tests/factories/people.ts';
import { makeSubject, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { DataChecks } from '../../../shared/contract/classroom.ts';
import type { ControlFlags } from '../../../shared/contract/control.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { classDataChecks } from '../../db/schema/control.ts';
import type { Actor } from '../../policy/policy.ts';

// Asia/Barnaul (UTC+7); "now" is 20 October 2025, 10:00 local.
const NOW = new Date('2025-10-20T03:00:00Z');
let clock = NOW;
let t: TestContext;
let w: DiaryWorld;
let classB: { teacherId: string };

const checksUrl = (classId = w.classA.id, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/classes/${classId}/data-checks`;
const boardUrl = (classId = w.classA.id) => `/api/v1/schools/${w.schoolId}/control/classes/${classId}/flags?from=2025-09-01&to=2025-10-31`;
const classTeacher = () => schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
const checkCount = async () =>
  (await t.database.db.select({ n: count() }).from(classDataChecks).where(eq(classDataChecks.schoolId, w.schoolId)))[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await diaryWorld(t.database.db);
  await w.mathsLesson('2025-10-01', { topic: '' });
  await w.englishLesson('2025-10-02', { topic: '' });
  // 5Б's lessons: a topic missing there too, in a group of its own.
  const history = await makeSubject(t.database.db, w.schoolId, 'История');
  const teacherB = await createStaff(t.database.db, w.schoolId, { lastName: 'Историкова' });
  classB = { teacherId: teacherB.id };
  await insertLesson(t.database.db, { schoolId: w.schoolId, groupId: w.classB.groupId!, subjectId: history.id, staffId: teacherB.id, date: '2025-10-01', topic: '' });
});
afterAll(async () => { await t.close(); });

describe('the control board of one class (seed 001, 4.3.2)', () => {
  it('shows the class teacher the flags of his class only, across its teachers', async () => {
    const res = await as(t.app, classTeacher()).get(boardUrl());
    expect(res.statusCode).toBe(200);
    const body = res.json() as ControlFlags;
    expect(body.byClass.map((g) => g.id)).toEqual([w.classA.id]);
    expect(body.byTeacher.map((g) => g.id).sort()).toEqual([w.teacher.id, w.english.id].sort());
    expect(body.totals.topic_missing).toBe(2);
  });

  it('shows the deputy any class\'s board', async () => {
    const body = (await as(t.app, schoolActor(w.schoolId, 'deputy')).get(boardUrl(w.classB.id))).json() as ControlFlags;
    expect(body.byTeacher.map((g) => g.id)).toEqual([classB.teacherId]);
  });

  it('hides another class, and any class from a subject teacher, with 404; refuses a student with 403', async () => {
    const other = await as(t.app, classTeacher()).get(boardUrl(w.classB.id));
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'class.not_found']);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(boardUrl())).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(boardUrl())).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'deputy')).get(boardUrl(unknownId))).statusCode).toBe(404);
    expect((await as(t.app, classTeacher()).get(boardUrl().replace('from=2025-09-01', 'from=2025-12-01'))).statusCode).toBe(400);
  });
});

describe('the monthly check of the class\'s personal data (seed 001, 3.3)', () => {
  it('reminds the class teacher when the class was never checked', async () => {
    const res = await as(t.app, classTeacher()).get(checksUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ today: '2025-10-20', last: null, nextOn: null, due: true, items: [] });
  });

  it('records the class teacher\'s check, audited, with his name and the date; no reminder until a month has passed', async () => {
    const res = await as(t.app, classTeacher()).post(checksUrl());
    expect(res.statusCode).toBe(201);
    const body = res.json() as DataChecks;
    expect(body).toMatchObject({ due: false, nextOn: '2025-11-20', last: { checkedOn: '2025-10-20', checkedAt: NOW.toISOString(), checkedByName: 'Классная А. П.' } });
    const [entry] = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'class_data_checks'), eq(auditEntries.entityId, body.last!.id)));
    expect(entry?.operation).toBe('insert');
    clock = new Date('2025-11-19T03:00:00Z');
    try {
      expect(((await as(t.app, classTeacher()).get(checksUrl())).json() as DataChecks).due).toBe(false);
      clock = new Date('2025-11-20T03:00:00Z');
      const later = (await as(t.app, schoolActor(w.schoolId, 'deputy')).get(checksUrl())).json() as DataChecks;
      expect([later.due, later.last?.checkedOn]).toEqual([true, '2025-10-20']);
    } finally {
      clock = NOW;
    }
  });

  it('lets the administrator mark a check too', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'admin')).post(checksUrl(w.classB.id));
    expect([res.statusCode, (res.json() as DataChecks).last?.checkedOn]).toEqual([201, '2025-10-20']);
  });

  it('refuses another class\'s teacher and a subject teacher with 404, the deputy, director, student and parent with 403, and writes nothing', async () => {
    const before = await checkCount();
    const refusals: [Actor | null, string, number][] = [
      [classTeacher(), checksUrl(w.classB.id), 404],
      [schoolActor(w.schoolId, 'teacher', w.teacher.id), checksUrl(), 404],
      [schoolActor(w.schoolId, 'deputy'), checksUrl(), 403],
      [schoolActor(w.schoolId, 'director'), checksUrl(), 403],
      [schoolActor(w.schoolId, 'student', w.ivanov.id), checksUrl(), 403],
      [schoolActor(w.schoolId, 'guardian', w.mother.id), checksUrl(), 403],
      [schoolActor(w.otherSchoolId, 'admin'), checksUrl(), 404],
      [schoolActor(w.schoolId, 'admin'), checksUrl(unknownId), 404],
      [null, checksUrl(), 401],
    ];
    for (const [actor, url, status] of refusals) {
      expect((await as(t.app, actor).post(url)).statusCode, `${actor?.roles[0]?.role} ${url}`).toBe(status);
    }
    expect((await as(t.app, classTeacher()).get(checksUrl(w.classB.id))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(checksUrl())).statusCode).toBe(403);
    expect(await checkCount()).toBe(before);
  });
});
