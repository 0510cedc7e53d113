import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHomeworkApp } from '../../../../tests/factories/homework.ts';
import { type JournalWorld, journalWorld } from '../../../../tests/factories/journal.ts';
import { createGuardian, linkGuardian } from '../../../../tests/factories/people.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: JournalWorld;
const url = (path: string) => `/api/v1/schools/${w.schoolId}${path}`;
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((h) => h.id);

/** Homework of 5А (September, before Григорьев came; October), an individual one, and one of 5Б. */
const hw = { september: '', october: '', individual: '', classB: '' };
let antonov: Actor;
let borisova: Actor;
let grigoriev: Actor;
let pupilB: Actor;
let antonovsMother: Actor;
let borisovasFather: Actor;

beforeAll(async () => {
  t = await createHomeworkApp({ now: () => new Date('2025-10-06T09:00:00Z') });
  w = await journalWorld(t.database.db);
  const db = t.database.db;
  const teacher = schoolActor(w.schoolId, 'teacher', w.teacher.id);
  const set = async (actor: Actor, lessonId: string, body: object) => {
    const res = await as(t.app, actor).post(url(`/lessons/${lessonId}/homework`), body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  hw.september = await set(teacher, (await w.lesson('2025-09-22')).id, { text: 'Сентябрьское', dueDate: '2025-09-24' });
  const october = await w.lesson('2025-10-06');
  hw.october = await set(teacher, october.id, { text: 'Октябрьское', dueDate: '2025-10-08' });
  hw.individual = await set(teacher, october.id, { text: 'Только Антонову', dueDate: '2025-10-08', studentIds: [w.students.antonov.id] });
  const lessonB = await w.lesson('2025-10-06', { groupId: w.classB.groupId!, staffId: w.stranger.id });
  hw.classB = await set(schoolActor(w.schoolId, 'teacher', w.stranger.id), lessonB.id, { text: 'Для 5Б', dueDate: '2025-10-08' });
  const mother = await createGuardian(db, w.schoolId);
  await linkGuardian(db, w.schoolId, w.students.antonov.id, mother.id);
  const father = await createGuardian(db, w.schoolId, { firstName: 'Борис' });
  await linkGuardian(db, w.schoolId, w.students.borisova.id, father.id, 'father');
  antonov = schoolActor(w.schoolId, 'student', w.students.antonov.id);
  borisova = schoolActor(w.schoolId, 'student', w.students.borisova.id);
  grigoriev = schoolActor(w.schoolId, 'student', w.students.grigoriev.id);
  pupilB = schoolActor(w.schoolId, 'student', w.students.pupilB.id);
  antonovsMother = schoolActor(w.schoolId, 'guardian', mother.id);
  borisovasFather = schoolActor(w.schoolId, 'guardian', father.id);
});
afterAll(async () => { await t.close(); });

describe('who reads a homework', () => {
  it('shows it to its group\'s students, their guardians, the group\'s teachers, the class teacher and the administration', async () => {
    const readers: Actor[] = [
      antonov, borisova, antonovsMother, borisovasFather,
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'teacher', w.russianTeacher.id),
      schoolActor(w.schoolId, 'teacher', w.classTeacher.id),
      schoolActor(w.schoolId, 'admin'), schoolActor(w.schoolId, 'director'), schoolActor(w.schoolId, 'deputy'),
    ];
    for (const actor of readers) {
      const res = await as(t.app, actor).get(url(`/homework/${hw.october}`));
      expect(res.statusCode, JSON.stringify(actor.roles)).toBe(200);
      expect(res.json()).toMatchObject({ id: hw.october, text: 'Октябрьское', groupId: w.classA.groupId });
    }
  });

  it('hides it (404) from another class, another teacher, another school, a student who came later and an unknown id', async () => {
    const cases: [Actor | null, string, number][] = [
      [pupilB, hw.october, 404],
      [schoolActor(w.schoolId, 'teacher', w.stranger.id), hw.october, 404],
      [schoolActor(w.schoolId, 'guardian', unknownId), hw.october, 404],
      [schoolActor(w.otherSchoolId, 'admin'), hw.october, 404],
      [grigoriev, hw.september, 404],
      [antonov, unknownId, 404],
      [null, hw.october, 401],
    ];
    for (const [actor, id, status] of cases) {
      expect((await as(t.app, actor).get(url(`/homework/${id}`))).statusCode, `${JSON.stringify(actor?.roles)} ${id}`).toBe(status);
    }
    expect((await as(t.app, grigoriev).get(url(`/homework/${hw.october}`))).statusCode).toBe(200);
  });

  it('shows individual homework only to its students and their guardians; they see no other chosen student', async () => {
    const seen = await as(t.app, antonov).get(url(`/homework/${hw.individual}`));
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ individual: true, studentIds: [w.students.antonov.id] });
    expect((await as(t.app, antonovsMother).get(url(`/homework/${hw.individual}`))).statusCode).toBe(200);
    expect((await as(t.app, borisova).get(url(`/homework/${hw.individual}`))).statusCode).toBe(404);
    expect((await as(t.app, borisovasFather).get(url(`/homework/${hw.individual}`))).statusCode).toBe(404);
    const forTeacher = await as(t.app, schoolActor(w.schoolId, 'teacher', w.classTeacher.id)).get(url(`/homework/${hw.individual}`));
    expect(forTeacher.json().studentIds).toEqual([w.students.antonov.id]);
  });
});

describe('the homework list', () => {
  it('gives a student his groups\' homework while he sat in them, and individual homework given to him', async () => {
    // by due date, then in the order they were set
    expect(ids(await as(t.app, antonov).get(url('/homework')))).toEqual([hw.september, hw.october, hw.individual]);
    expect(ids(await as(t.app, borisova).get(url('/homework')))).toEqual([hw.september, hw.october]);
    expect(ids(await as(t.app, grigoriev).get(url('/homework')))).toEqual([hw.october]);
    expect(ids(await as(t.app, pupilB).get(url('/homework')))).toEqual([hw.classB]);
  });

  it('gives a guardian his children\'s homework, and refuses another child (404)', async () => {
    expect(ids(await as(t.app, borisovasFather).get(url('/homework')))).toEqual([hw.september, hw.october]);
    const own = await as(t.app, antonovsMother).get(url(`/homework?studentId=${w.students.antonov.id}&from=2025-10-01`));
    expect(ids(own).sort()).toEqual([hw.october, hw.individual].sort());
    const other = await as(t.app, antonovsMother).get(url(`/homework?studentId=${w.students.borisova.id}`));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('student.not_found');
  });

  it('gives staff the groups whose journal they read, filtered by group and dates', async () => {
    const all = ids(await as(t.app, schoolActor(w.schoolId, 'deputy')).get(url('/homework?from=2025-10-01&to=2025-10-31')));
    expect(all.sort()).toEqual([hw.october, hw.individual, hw.classB].sort());
    const teacher = ids(await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url('/homework')));
    expect(teacher.sort()).toEqual([hw.september, hw.october, hw.individual].sort());
    const byLesson = await as(t.app, schoolActor(w.schoolId, 'teacher', w.classTeacher.id))
      .get(url(`/homework?groupId=${w.classA.groupId}&by=lesson&from=2025-09-22&to=2025-09-22`));
    expect(ids(byLesson)).toEqual([hw.september]);
    const stranger = ids(await as(t.app, schoolActor(w.schoolId, 'teacher', w.stranger.id)).get(url(`/homework?groupId=${w.classA.groupId}`)));
    expect(stranger).toEqual([]);
    const studentOfTeacher = await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url(`/homework?studentId=${w.students.borisova.id}`));
    expect(ids(studentOfTeacher)).toEqual([hw.september, hw.october]);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.stranger.id)).get(url(`/homework?studentId=${w.students.borisova.id}`))).statusCode).toBe(404);
  });

  it('pages with a cursor', async () => {
    const deputy = as(t.app, schoolActor(w.schoolId, 'deputy'));
    const first = await deputy.get(url('/homework?limit=2'));
    expect(first.json().items).toHaveLength(2);
    const second = await deputy.get(url(`/homework?limit=2&cursor=${first.json().nextCursor}`));
    expect(second.json()).toMatchObject({ nextCursor: null });
    expect([...ids(first), ...ids(second)]).toHaveLength(4);
  });

  it('answers bad queries with 400 and foreign callers with 401/404', async () => {
    const student = as(t.app, antonov);
    for (const query of ['from=вчера', 'to=2025-13-01', 'groupId=5А', 'by=week', 'limit=0', 'cursor=xyz', 'from=2025-10-10&to=2025-10-01']) {
      const res = await student.get(url(`/homework?${query}`));
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toEqual(expect.any(String));
    }
    const unknown = await as(t.app, schoolActor(w.schoolId, 'deputy')).get(url(`/homework?studentId=${unknownId}`));
    expect(unknown.json().error.code).toBe('student.not_found');
    expect((await as(t.app, null).get(url('/homework'))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(url('/homework'))).statusCode).toBe(404);
  });
});
