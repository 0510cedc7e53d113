import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertTaking } from '../../../../tests/factories/diary.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ControlFlags } from '../../../shared/contract/control.ts';

// Seed 003, 2.5: attendance is taken in every lesson held, by the end of its school day.
// The school is in Asia/Barnaul (UTC+7): a local day ends at 17:00 UTC. "Now" is 20 October 2025, 10:00 local.
const clock = new Date('2025-10-20T03:00:00Z');
let t: TestContext;
let w: DiaryWorld;
const ids: Record<'never' | 'onTime' | 'late' | 'cancelled' | 'today' | 'yesterday' | 'substituted', string> = {} as never;

const flagsOf = async (query = 'from=2025-09-01&to=2025-10-31', actor = schoolActor(w.schoolId, 'deputy')) => {
  const res = await as(t.app, actor).get(`/api/v1/schools/${w.schoolId}/control/flags?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ControlFlags;
};
const missing = (body: ControlFlags) => body.byTeacher.flatMap((g) => g.flags).filter((f) => f.kind === 'attendance_missing');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const taken = async (lessonId: string, at: string) => insertTaking(db, { schoolId: s, lessonId, takenAt: new Date(at) });
  ids.never = (await w.mathsLesson('2025-09-08')).id;
  ids.onTime = (await w.mathsLesson('2025-09-09')).id;
  await taken(ids.onTime, '2025-09-09T16:59:59Z');
  ids.late = (await w.mathsLesson('2025-09-10')).id;
  await taken(ids.late, '2025-09-10T17:00:00Z');
  ids.cancelled = (await w.mathsLesson('2025-09-11', { status: 'cancelled' })).id;
  ids.yesterday = (await w.mathsLesson('2025-10-19')).id;
  ids.today = (await w.mathsLesson('2025-10-20')).id;
  ids.substituted = (await w.englishLesson('2025-09-12', { substituteStaffId: w.substitute.id })).id;
});
afterAll(async () => { await t.close(); });

describe('attendance_missing on the control board', () => {
  it('flags held lessons whose day has passed without attendance taken that day, to whoever took them', async () => {
    const body = await flagsOf();
    const flags = missing(body);
    expect(flags.map((f) => [f.lessonId, f.staffId, f.enteredAt]).sort()).toEqual([
      [ids.never, w.teacher.id, null],
      [ids.late, w.teacher.id, '2025-09-10T17:00:00.000Z'],
      [ids.yesterday, w.teacher.id, null],
      [ids.substituted, w.substitute.id, null],
    ].sort());
    expect(flags.find((f) => f.lessonId === ids.never)).toMatchObject({
      lessonDate: '2025-09-08', subjectName: 'Математика', classId: w.classA.id, citation: 'Положение об ЭЖ (003), п. 2.5',
      rule: expect.stringContaining('посещаемость'),
    });
    expect(body.totals.attendance_missing).toBe(4);
  });

  it('narrows to a teacher and a date range like the other flags', async () => {
    expect(missing(await flagsOf(`from=2025-09-01&to=2025-10-31&staffId=${w.substitute.id}`)).map((f) => f.lessonId)).toEqual([ids.substituted]);
    expect(missing(await flagsOf('from=2025-09-09&to=2025-09-09'))).toEqual([]);
    expect(missing(await flagsOf('from=2025-10-19&to=2025-10-20')).map((f) => f.lessonId)).toEqual([ids.yesterday]);
  });
});
