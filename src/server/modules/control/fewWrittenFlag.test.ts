import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark } from '../../../../tests/factories/diary.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ComplianceFlag, ControlFlags } from '../../../shared/contract/control.ts';
import { newId } from '../../db/ids.ts';
import { workTypes } from '../../db/schema/journal.ts';
import type { Actor } from '../../policy/policy.ts';

// Seed 001, 5.2: the minimum of marks must include written or control works where the school's
// grading policy says so (`minWrittenMarks`); the few_marks flag says when that is what is missing.
// Asia/Barnaul (UTC+7). "Now" is 20 October 2025, 10:00 local; the 1st quarter's period-mark
// deadline (22 October) is two days away, inside the flag's window.
const NOW = new Date('2025-10-20T03:00:00Z');
let clock = NOW;
let t: TestContext;
let w: DiaryWorld;
let deputy: Actor;
let lessonIds: string[] = [];
const range = 'from=2025-09-01&to=2025-10-31';

const board = async (actor: Actor = deputy, path = 'flags') => {
  const res = await as(t.app, actor).get(`/api/v1/schools/${w.schoolId}/control/${path}?${range}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ControlFlags;
};
const fewMarks = (body: ControlFlags) => body.byTeacher.flatMap((g) => g.flags).filter((f) => f.kind === 'few_marks');
const maths = (flags: ComplianceFlag[], studentId: string) => flags.find((f) => f.subjectName === 'Математика' && f.studentId === studentId);
const setPolicy = (minWrittenMarks?: number) =>
  as(t.app, deputy).put(`/api/v1/schools/${w.schoolId}/grading-policy`, { thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 }, minWrittenMarks });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  lessonIds = await Promise.all(['2025-09-08', '2025-09-09', '2025-09-10'].map(async (date) => (await w.mathsLesson(date)).id));
  await w.englishLesson('2025-09-08');
  const mark = (lessonId: string, studentId: string, workTypeId: string) =>
    insertMark(db, { schoolId: s, lessonId, studentId, workTypeId, value: '4', createdAt: new Date('2025-09-10T05:00:00Z') });
  // Иванов: three oral answers. Смирнова: two answers and a written контрольная.
  for (const id of lessonIds) await mark(id, w.ivanov.id, w.answer.id);
  await mark(lessonIds[0]!, w.smirnova.id, w.answer.id);
  await mark(lessonIds[1]!, w.smirnova.id, w.answer.id);
  await mark(lessonIds[2]!, w.smirnova.id, w.test.id);
  const { user } = await createUser(db, { roles: [{ schoolId: s, role: 'deputy' }] });
  deputy = { userId: user.id, platformAdmin: false, roles: [{ schoolId: s, role: 'deputy', personId: null }] };
});
afterAll(async () => { await t.close(); });

describe('few_marks with written or control works required (seed 001, 5.2)', () => {
  it('counts only the number of marks while the policy requires no written work', async () => {
    const flags = fewMarks(await board());
    expect(maths(flags, w.ivanov.id)).toBeUndefined();
    expect(maths(flags, w.smirnova.id)).toBeUndefined();
    // Иванов has no English marks at all: flagged, without a word about written works.
    expect(flags.find((f) => f.subjectName === 'Английский язык')).toMatchObject({ marks: 0, minMarks: 3, writtenMarks: null, minWrittenMarks: null });
  });

  it('flags a student with enough marks but none for a written or control work once the policy requires one', async () => {
    expect((await setPolicy(1)).statusCode).toBe(200);
    const flags = fewMarks(await board());
    expect(maths(flags, w.ivanov.id)).toMatchObject({
      kind: 'few_marks', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, staffId: w.teacher.id, lessonId: null,
      deadline: '2025-10-22', marks: 3, minMarks: 3, writtenMarks: 0, minWrittenMarks: 1,
      // The remark key of a few_marks flag is the same whichever rule raised it.
      key: `few_marks:${w.q1.id}:${w.classA.groupId}:${w.maths.id}:${w.ivanov.id}`,
    });
    // Смирнова wrote the контрольная; the English flag now carries the written count too.
    expect(maths(flags, w.smirnova.id)).toBeUndefined();
    expect(flags.find((f) => f.subjectName === 'Английский язык')).toMatchObject({ marks: 0, minMarks: 3, writtenMarks: 0, minWrittenMarks: 1 });
    // The teacher reads the same on his «Замечания».
    const own = fewMarks(await board(schoolActor(w.schoolId, 'teacher', w.teacher.id), 'my-flags'));
    expect(own.map((f) => [f.studentId, f.marks, f.writtenMarks, f.minWrittenMarks])).toEqual([[w.ivanov.id, 3, 0, 1]]);
  });

  it('keeps the same window: not flagged while the deadline is more than a week away', async () => {
    clock = new Date('2025-10-14T03:00:00Z');
    try {
      expect((await board()).totals.few_marks).toBe(0);
    } finally {
      clock = NOW;
    }
  });

  it('takes a remark on the flag like any few_marks flag', async () => {
    const res = await as(t.app, deputy).post(`/api/v1/schools/${w.schoolId}/control/remarks`, {
      kind: 'few_marks', periodId: w.q1.id, groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.ivanov.id, text: 'Нужна контрольная работа',
    });
    expect(res.statusCode, res.body).toBe(201);
    const flag = maths(fewMarks(await board()), w.ivanov.id)!;
    expect(res.json().flagKey).toBe(flag.key);
    expect(flag.remarks.map((r) => r.text)).toEqual(['Нужна контрольная работа']);
  });

  it('clears the flag once a control work is marked, and counts no deleted mark', async () => {
    const db = t.database.db;
    // A зачёт is a control work without being a written one: it counts as well.
    const [credit] = await db.insert(workTypes).values({ id: newId(), schoolId: w.schoolId, name: 'Зачёт', weight: 2, isControl: true }).returning();
    await insertMark(db, { schoolId: w.schoolId, lessonId: lessonIds[0]!, studentId: w.ivanov.id, workTypeId: credit!.id, value: '5', deleted: true });
    expect(maths(fewMarks(await board()), w.ivanov.id)).toMatchObject({ marks: 3, writtenMarks: 0 });
    await insertMark(db, { schoolId: w.schoolId, lessonId: lessonIds[1]!, studentId: w.ivanov.id, workTypeId: credit!.id, value: '5' });
    const flags = fewMarks(await board());
    expect(maths(flags, w.ivanov.id)).toBeUndefined();
    expect(flags.map((f) => f.subjectName)).toEqual(['Английский язык']);
  });

  it('requires as many written works as the policy says', async () => {
    expect((await setPolicy(2)).statusCode).toBe(200);
    const flags = fewMarks(await board());
    expect(maths(flags, w.ivanov.id)).toMatchObject({ marks: 4, writtenMarks: 1, minWrittenMarks: 2 });
    expect(maths(flags, w.smirnova.id)).toMatchObject({ marks: 3, writtenMarks: 1, minWrittenMarks: 2 });
  });
});
