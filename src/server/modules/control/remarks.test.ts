import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertHomework, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ComplianceFlag, ControlFlags } from '../../../shared/contract/control.ts';
import { REMARK_MAX_LENGTH } from '../../../shared/domain/controlRemarks.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { controlRemarks } from '../../db/schema/control.ts';
import type { Actor } from '../../policy/policy.ts';

// Asia/Barnaul (UTC+7). The 1st quarter ends on 24 October, its period-mark deadline is 22 October;
// "now" is 23 October 2025, 10:00 local: the deadline has passed.
const NOW = new Date('2025-10-23T03:00:00Z');
let clock = NOW;
let t: TestContext;
let w: DiaryWorld;
let deputy: Actor;
let noTopicLessonId: string;
let homeworkId: string;
let markId: string;
/** The lesson of the late mark and the homework. */
let withTopicId: string;
const range = 'from=2025-10-01&to=2025-10-24';

const board = async (actor: Actor = schoolActor(w.schoolId, 'deputy')) =>
  (await as(t.app, actor).get(`/api/v1/schools/${w.schoolId}/control/flags?${range}`)).json() as ControlFlags;
const mine = (actor: Actor | null) => as(t.app, actor).get(`/api/v1/schools/${w.schoolId}/control/my-flags?${range}`);
const flagsOf = (body: ControlFlags) => body.byTeacher.flatMap((g) => g.flags);
const kinds = (flags: ComplianceFlag[], kind: string) => flags.filter((f) => f.kind === kind);
const remark = (actor: Actor | null, body: unknown) => as(t.app, actor).post(`/api/v1/schools/${w.schoolId}/control/remarks`, body);
const remarkCount = async () =>
  (await t.database.db.select({ n: count() }).from(controlRemarks).where(eq(controlRemarks.schoolId, w.schoolId)))[0]!.n;
const teacherActor = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  noTopicLessonId = (await w.mathsLesson('2025-10-01', { topic: '' })).id;
  const withTopic = await w.mathsLesson('2025-10-02');
  withTopicId = withTopic.id;
  await w.englishLesson('2025-10-03');
  homeworkId = (await insertHomework(db, { schoolId: s, lessonId: withTopic.id, dueDate: '2025-10-03', text: '№ 5', createdAt: new Date('2025-10-02T10:00:00Z') })).id;
  markId = (await insertMark(db, { schoolId: s, lessonId: withTopic.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5', createdAt: new Date('2025-10-04T05:00:00Z') })).id;
  await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: w.q1.id, academicYearId: w.year.id, value: '5' });
  const { user } = await createUser(db, { roles: [{ schoolId: s, role: 'deputy' }] });
  deputy = { userId: user.id, platformAdmin: false, roles: [{ schoolId: s, role: 'deputy', personId: null }] };
});
afterAll(async () => { await t.close(); });

describe('period_mark_missing (seed 001, 5.3) on the board', () => {
  it('flags every student × subject without a period mark once the deadline has passed, to the group\'s teacher', async () => {
    const flags = kinds(flagsOf(await board()), 'period_mark_missing');
    expect(flags.map((f) => [f.subjectName, f.studentId, f.staffId]).sort()).toEqual([
      ['Английский язык', w.ivanov.id, w.english.id],
      ['Математика', w.smirnova.id, w.teacher.id],
    ].sort());
    expect(flags[0]).toMatchObject({ periodId: w.q1.id, deadline: '2025-10-22', lessonId: null, citation: 'Положение об ЭЖ (001), п. 5.3' });
  });

  it('flags nothing on the deadline day itself', async () => {
    clock = new Date('2025-10-22T03:00:00Z');
    try {
      expect((await board()).totals.period_mark_missing).toBe(0);
    } finally {
      clock = NOW;
    }
  });

  it('narrows to the class of the filter', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'deputy')).get(`/api/v1/schools/${w.schoolId}/control/flags?${range}&classId=${w.classB.id}`);
    expect((res.json() as ControlFlags).totals.period_mark_missing).toBe(0);
  });
});

describe('remarks on flags (seed 001, 6.2)', () => {
  it('lets the deputy write a remark on a flag, audited, and shows it on the board with author and time', async () => {
    const res = await remark(deputy, { kind: 'topic_missing', lessonId: noTopicLessonId, text: '  Заполните тему урока до пятницы  ' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ text: 'Заполните тему урока до пятницы', authorName: expect.stringMatching(/^Пользователь /), createdAt: NOW.toISOString() });
    const flag = kinds(flagsOf(await board()), 'topic_missing').find((f) => f.lessonId === noTopicLessonId)!;
    expect(flag.key).toBe(created.flagKey);
    expect(flag.remarks).toEqual([{ id: created.id, text: 'Заполните тему урока до пятницы', authorName: created.authorName, createdAt: NOW.toISOString() }]);
    const [entry] = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'control_remarks'), eq(auditEntries.entityId, created.id)));
    expect(entry).toMatchObject({ operation: 'insert', actorUserId: deputy.userId });
    // The lesson's change log lists it with its author and time.
    const history = (await as(t.app, schoolActor(w.schoolId, 'deputy')).get(`/api/v1/schools/${w.schoolId}/audit?lessonId=${noTopicLessonId}`)).json();
    expect(history.items).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'control_remarks', entityId: created.id, actor: expect.objectContaining({ userId: deputy.userId, roles: 'deputy' }) })]));
  });

  it('attaches a remark to a period-mark flag, a late mark and a homework entry by their own ids', async () => {
    const period = { kind: 'period_mark_missing', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.smirnova.id };
    expect((await remark(schoolActor(w.schoolId, 'director'), { ...period, text: 'Выставьте итоговую' })).statusCode).toBe(201);
    expect((await remark(schoolActor(w.schoolId, 'admin'), { kind: 'mark_late', lessonId: withTopicId, entryId: markId, text: 'Отметка позже дня урока' })).statusCode).toBe(201);
    expect((await remark(deputy, { kind: 'homework_late', lessonId: withTopicId, entryId: homeworkId, text: 'Задание позже' })).statusCode).toBe(201);
    const flags = flagsOf(await board());
    const missing = kinds(flags, 'period_mark_missing').find((f) => f.studentId === w.smirnova.id)!;
    expect(missing.remarks.map((r) => r.text)).toEqual(['Выставьте итоговую']);
    expect(kinds(flags, 'few_marks').find((f) => f.studentId === w.smirnova.id)!.remarks).toEqual([]);
  });

  it('refuses empty, blank and over-long text with 400 on the field, and writes nothing', async () => {
    const before = await remarkCount();
    for (const text of ['', '   ', 'я'.repeat(REMARK_MAX_LENGTH + 1)]) {
      const res = await remark(deputy, { kind: 'topic_missing', lessonId: noTopicLessonId, text });
      expect([res.statusCode, Object.keys(res.json().error.fields)]).toEqual([400, ['text']]);
    }
    expect((await remark(deputy, { kind: 'topic_missing', lessonId: noTopicLessonId })).statusCode).toBe(400);
    expect((await remark(deputy, { kind: 'nonsense', lessonId: noTopicLessonId, text: 'x' })).json().error.fields).toHaveProperty('kind');
    expect(await remarkCount()).toBe(before);
  });

  it('refuses an unknown, incomplete or unflagged target with 400 naming the field, and writes nothing', async () => {
    const before = await remarkCount();
    const cases: [unknown, string][] = [
      [{ kind: 'topic_missing', lessonId: unknownId, text: 'x' }, 'lessonId'],
      [{ kind: 'topic_missing', text: 'x' }, 'lessonId'],
      [{ kind: 'mark_late', lessonId: noTopicLessonId, entryId: markId, text: 'x' }, 'entryId'],
      [{ kind: 'homework_late', lessonId: noTopicLessonId, entryId: unknownId, text: 'x' }, 'entryId'],
      [{ kind: 'mark_late', lessonId: noTopicLessonId, text: 'x' }, 'entryId'],
      [{ kind: 'few_marks', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, text: 'x' }, 'studentId'],
      [{ kind: 'period_mark_missing', periodId: unknownId, groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.ivanov.id, text: 'x' }, 'periodId'],
      [{ kind: 'topic_missing', lessonId: 'not-an-id', text: 'x' }, 'lessonId'],
      [{ kind: 'homework_late', lessonId: withTopicId, entryId: markId, text: 'x' }, 'entryId'],
      // The target exists but raises no flag: the lesson has its topic, Иванов has his period mark.
      [{ kind: 'topic_missing', lessonId: withTopicId, text: 'x' }, 'kind'],
      [{ kind: 'period_mark_missing', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.ivanov.id, text: 'x' }, 'kind'],
      [{ kind: 'period_mark_missing', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.sister.id, text: 'x' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await remark(deputy, body);
      expect([res.statusCode, res.json().error.fields], JSON.stringify(body)).toEqual([400, expect.objectContaining({ [field]: expect.any(String) })]);
    }
    // Another school's lesson is unknown here.
    const foreign = await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).post(`/api/v1/schools/${w.otherSchoolId}/control/remarks`, { kind: 'topic_missing', lessonId: noTopicLessonId, text: 'x' });
    expect(foreign.statusCode).toBe(400);
    expect(await remarkCount()).toBe(before);
  });

  it('refuses a teacher, a class teacher, a student and a parent with 403, and writes nothing', async () => {
    const before = await remarkCount();
    for (const actor of [teacherActor(), schoolActor(w.schoolId, 'teacher', w.classTeacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id)]) {
      const res = await remark(actor, { kind: 'topic_missing', lessonId: noTopicLessonId, text: 'Сам себе замечание' });
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'policy.forbidden']);
    }
    expect((await remark(null, { kind: 'topic_missing', lessonId: noTopicLessonId, text: 'x' })).statusCode).toBe(401);
    expect(await remarkCount()).toBe(before);
  });
});

describe('GET /control/my-flags: a teacher\'s own flags and the remarks on them', () => {
  it('gives the teacher only the flags he answers for, with the deputy\'s remarks beside them', async () => {
    const res = await mine(teacherActor());
    expect(res.statusCode).toBe(200);
    const body = res.json() as ControlFlags;
    expect(body.byTeacher.map((g) => g.id)).toEqual([w.teacher.id]);
    const flags = flagsOf(body);
    expect(flags.every((f) => f.staffId === w.teacher.id)).toBe(true);
    expect(kinds(flags, 'topic_missing').find((f) => f.lessonId === noTopicLessonId)!.remarks.map((r) => r.text)).toEqual(['Заполните тему урока до пятницы']);
    expect(kinds(flags, 'period_mark_missing').map((f) => f.studentId)).toEqual([w.smirnova.id]);
  });

  it('never shows another teacher\'s flags: the English teacher sees his own only', async () => {
    const body = (await mine(schoolActor(w.schoolId, 'teacher', w.english.id))).json() as ControlFlags;
    expect(flagsOf(body).map((f) => [f.kind, f.staffId])).toEqual(expect.arrayContaining([['period_mark_missing', w.english.id]]));
    expect(flagsOf(body).every((f) => f.staffId === w.english.id)).toBe(true);
    expect(flagsOf(body).flatMap((f) => f.remarks)).toEqual([]);
  });

  it('ignores a staffId in the query: the caller\'s own staff record decides', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'teacher', w.english.id))
      .get(`/api/v1/schools/${w.schoolId}/control/my-flags?${range}&staffId=${w.teacher.id}`);
    expect(flagsOf(res.json()).every((f) => f.staffId === w.english.id)).toBe(true);
  });

  it('refuses the deputy, a student and a teacher role without a staff record with 403, another school with 404', async () => {
    expect((await mine(schoolActor(w.schoolId, 'deputy'))).statusCode).toBe(403);
    expect((await mine(schoolActor(w.schoolId, 'student', w.ivanov.id))).statusCode).toBe(403);
    expect((await mine(schoolActor(w.schoolId, 'teacher'))).statusCode).toBe(403);
    expect((await mine(schoolActor(w.otherSchoolId, 'teacher', w.teacher.id))).statusCode).toBe(404);
    expect((await mine(null)).statusCode).toBe(401);
  });

  it('answers 400 for a reversed range', async () => {
    const res = await as(t.app, teacherActor()).get(`/api/v1/schools/${w.schoolId}/control/my-flags?from=2025-10-24&to=2025-10-01`);
    expect([res.statusCode, Object.keys(res.json().error.fields)]).toEqual([400, ['to']]);
  });
});
