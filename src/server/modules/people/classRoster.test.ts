import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: DiaryWorld;
let base: string;
const clock = new Date('2025-09-20T06:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await diaryWorld(t.database.db);
  base = `/api/v1/schools/${w.schoolId}`;
  await createUser(t.database.db, { roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
});
afterAll(async () => { await t.close(); });

const roster = (actor: Actor | null, classId: string) => as(t.app, actor).get(`${base}/classes/${classId}/roster`);
const classTeacher = () => schoolActor(w.schoolId, 'teacher', w.classTeacher.id);

describe('the class roster', () => {
  it('lists the class\'s students today with their personal data, guardians, relations and who has an account', async () => {
    const res = await roster(classTeacher(), w.classA.id);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { student: { fullName: string; hasAccount: boolean } }) => [i.student.fullName, i.student.hasAccount])).toEqual([
      ['Иванов Иван Иванович', false], ['Смирнова Света Олеговна', false],
    ]);
    expect(items[0].student).toMatchObject({ id: w.ivanov.id, birthDate: expect.any(String), snils: null });
    expect(items[0].guardians).toEqual([expect.objectContaining({ id: w.mother.id, fullName: expect.stringContaining('Иванова Ольга'), relation: 'mother', hasAccount: true })]);
    expect(items[1].guardians).toEqual([expect.objectContaining({ id: w.smirnovaMother.id, relation: 'mother', hasAccount: false })]);
    // The sister is in 5Б: not on 5А's list.
    expect(JSON.stringify(items)).not.toContain(w.sister.id);
  });

  it('is open to the whole-school roles for any class and hidden from everyone else', async () => {
    const b = await roster(schoolActor(w.schoolId, 'deputy'), w.classB.id);
    expect(b.statusCode).toBe(200);
    expect(b.json().items.map((i: { student: { id: string } }) => i.student.id)).toEqual([w.sister.id]);
    expect((await roster(schoolActor(w.schoolId, 'director'), w.classA.id)).statusCode).toBe(200);
    expect((await roster(schoolActor(w.schoolId, 'admin'), w.classA.id)).statusCode).toBe(200);
    expect((await roster(classTeacher(), w.classB.id)).statusCode).toBe(404);
    expect((await roster(schoolActor(w.schoolId, 'teacher', w.teacher.id), w.classA.id)).statusCode).toBe(404);
    expect((await roster(schoolActor(w.schoolId, 'guardian', w.mother.id), w.classA.id)).statusCode).toBe(404);
    expect((await roster(schoolActor(w.schoolId, 'student', w.ivanov.id), w.classA.id)).statusCode).toBe(403);
    expect((await roster(schoolActor(w.otherSchoolId, 'admin'), w.classA.id)).statusCode).toBe(404);
    expect((await roster(null, w.classA.id)).statusCode).toBe(401);
    expect((await roster(schoolActor(w.schoolId, 'deputy'), unknownId)).statusCode).toBe(404);
    expect((await roster(schoolActor(w.schoolId, 'deputy'), 'nope')).statusCode).toBe(400);
  });
});
