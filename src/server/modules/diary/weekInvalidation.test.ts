import { gunzipSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttachment, insertAttendance, insertHomework } from '../../../../tests/factories/diary.ts';
import { makeSubgroup } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { DiaryLesson, DiaryWeek } from '../../../shared/contract/diary.ts';
import { newId } from '../../db/ids.ts';
import { groupMembers } from '../../db/schema/structure.ts';
import { cachedDiaryWeek } from './service.ts';
import { WeekCache } from './weekCache.ts';

// A change reaches the next read of exactly the diaries it belongs to, and every other cached week
// of the school stays cached: told apart by the cache's own count of weeks served from it.

let t: TestContext;
let w: DiaryWorld;
const clock = new Date('2025-09-10T06:00:00Z');
const ids = {} as Record<'maths' | 'english' | 'englishLater' | 'english2' | 'classB', string>;
const cache = new WeekCache(16 * 1024 * 1024);
type Who = 'ivanov' | 'smirnova' | 'sister';

const lessonOf = (week: DiaryWeek, id: string): DiaryLesson | undefined => week.days.flatMap((d) => d.lessons).find((l) => l.id === id);

/** Each student's week (Иванов and Смирнова in 5А, Иванов also in «5А англ. 1»; Иванова in 5Б) and whether it came from the cache. */
async function readAll() {
  const out = {} as Record<Who, { week: DiaryWeek; cached: boolean }>;
  for (const who of ['ivanov', 'smirnova', 'sister'] as const) {
    const hits = cache.stats.hits;
    const week = await cachedDiaryWeek(t.database.db, cache, w.schoolId, w[who].id, '2025-09-10');
    out[who] = { week: JSON.parse(gunzipSync(week).toString()) as DiaryWeek, cached: cache.stats.hits > hits };
  }
  return out;
}
const cachedOf = (read: Awaited<ReturnType<typeof readAll>>) =>
  ({ ivanov: read.ivanov.cached, smirnova: read.smirnova.cached, sister: read.sister.cached });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const english2 = await makeSubgroup(db, w.schoolId, w.year.id, w.classA.id, '5А англ. 2');
  ids.maths = (await w.mathsLesson('2025-09-08', { topic: 'Дроби' })).id;
  ids.english = (await w.englishLesson('2025-09-08')).id;
  ids.englishLater = (await w.englishLesson('2025-09-10')).id;
  ids.english2 = (await w.englishLesson('2025-09-09', { groupId: english2.id })).id;
  ids.classB = (await w.mathsLesson('2025-09-08', { groupId: w.classB.groupId!, topic: 'Урок 5Б' })).id;
  await readAll();
});
afterAll(async () => { await t.close(); });

describe('the diary week cache after a change in the school', () => {
  it('serves every unchanged week from the cache', async () => {
    expect(cachedOf(await readAll())).toEqual({ ivanov: true, smirnova: true, sister: true });
  });

  it('shows a mark saved through the journal in the next read of its student\'s diary only', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).post(`/api/v1/schools/${w.schoolId}/lessons/${ids.maths}/marks`, {
      studentId: w.ivanov.id, workTypeId: w.answer.id, value: '4',
    });
    expect(res.statusCode).toBe(201);
    const read = await readAll();
    expect(lessonOf(read.ivanov.week, ids.maths)!.marks.map((m) => m.id)).toEqual([res.json().id]);
    expect(cachedOf(read)).toEqual({ ivanov: false, smirnova: true, sister: true });
  });

  it('shows attendance in the next read of its student\'s diary only', async () => {
    await t.database.db.transaction((tx) => insertAttendance(tx, { schoolId: w.schoolId, lessonId: ids.maths, studentId: w.smirnova.id, code: 'ill' }));
    const read = await readAll();
    expect(lessonOf(read.smirnova.week, ids.maths)!.attendance).toEqual({ code: 'ill', reason: '' });
    expect(cachedOf(read)).toEqual({ ivanov: true, smirnova: false, sister: true });
  });

  it('shows homework and its file set in a subgroup\'s lesson to the subgroup\'s students only', async () => {
    const hw = await insertHomework(t.database.db, { schoolId: w.schoolId, lessonId: ids.english, dueDate: '2025-09-12', text: 'Выучить слова' });
    let read = await readAll();
    expect(lessonOf(read.ivanov.week, ids.english)!.homeworkSet.map((h) => h.id)).toEqual([hw.id]);
    expect(cachedOf(read)).toEqual({ ivanov: false, smirnova: true, sister: true });
    const file = await insertAttachment(t.database.db, w.schoolId, hw.id, 'Слова.pdf');
    read = await readAll();
    expect(lessonOf(read.ivanov.week, ids.english)!.homeworkSet[0]!.attachments.map((a) => a.id)).toEqual([file.id]);
    expect(cachedOf(read)).toEqual({ ivanov: false, smirnova: true, sister: true });
  });

  it('shows a lesson\'s new topic to its group only', async () => {
    await t.database.db.execute(sql`update lessons set topic = 'Новая тема 5Б' where school_id = ${w.schoolId} and id = ${ids.classB}`);
    const read = await readAll();
    expect(lessonOf(read.sister.week, ids.classB)!.topic).toBe('Новая тема 5Б');
    expect(cachedOf(read)).toEqual({ ivanov: true, smirnova: true, sister: false });
  });

  it('shows a move to another subgroup in the next read of the moved student\'s diary only', async () => {
    const english2 = (await t.database.db.execute(sql`select group_id as id from lessons where school_id = ${w.schoolId} and id = ${ids.english2}`)) as unknown as { rows: { id: string }[] };
    await t.database.db.transaction(async (tx) => {
      await tx.update(groupMembers).set({ endsOn: '2025-09-08' })
        .where(and(eq(groupMembers.schoolId, w.schoolId), eq(groupMembers.groupId, w.subgroup.id), eq(groupMembers.studentId, w.ivanov.id)));
      await tx.insert(groupMembers).values({ id: newId(), schoolId: w.schoolId, groupId: english2.rows[0]!.id, studentId: w.ivanov.id, startsOn: '2025-09-09' });
    });
    const read = await readAll();
    const seen = read.ivanov.week.days.flatMap((d) => d.lessons.map((l) => l.id));
    expect(seen).toContain(ids.english);
    expect(seen).toContain(ids.english2);
    expect(seen).not.toContain(ids.englishLater);
    expect(cachedOf(read)).toEqual({ ivanov: false, smirnova: true, sister: true });
  });

  it('leaves every week cached after a change in another school or a change no diary shows', async () => {
    await t.database.db.execute(sql`update staff set phone = '+7 900 000-00-00' where school_id = ${w.schoolId} and id = ${w.teacher.id}`);
    await t.database.db.execute(sql`update subjects set name = 'Алгебра' where school_id = ${w.otherSchoolId}`);
    expect(cachedOf(await readAll())).toEqual({ ivanov: true, smirnova: true, sister: true });
  });

  it('reads every week again after a change of the school\'s structure (a subject\'s name)', async () => {
    await t.database.db.execute(sql`update subjects set name = 'Математика и логика' where school_id = ${w.schoolId} and id = ${w.maths.id}`);
    const read = await readAll();
    expect(lessonOf(read.sister.week, ids.classB)!.subject.name).toBe('Математика и логика');
    expect(cachedOf(read)).toEqual({ ivanov: false, smirnova: false, sister: false });
  });
});
