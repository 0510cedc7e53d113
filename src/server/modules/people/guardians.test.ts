import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardians } from '../../db/schema/people.ts';
import { twoSchools, type TwoSchools } from '../../../../tests/factories/testSchools.ts';
import { createGuardian, createStudent, linkGuardian, linkRows, peopleRows } from '../../../../tests/factories/people.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext, schoolId: string, otherSchoolId: string, admin: TwoSchools['admin'];
beforeAll(async () => { ({ t, schoolId, otherSchoolId, admin } = await twoSchools()); });
afterAll(async () => { await t.close(); });

const base = (school = schoolId) => `/api/v1/schools/${school}`;
const url = (path = '', school = schoolId) => `${base(school)}/guardians${path}`;
const linkUrl = (studentId: string, guardianId: string, school = schoolId) => `${base(school)}/students/${studentId}/guardians/${guardianId}`;
const rows = (school = schoolId) => peopleRows(t.database.db, guardians, school);
const links = () => linkRows(t.database.db, schoolId);
const unknownId = '01900000-0000-7000-8000-000000000000';

const sokolova = {
  lastName: 'Соколова', firstName: 'Елена', middleName: 'Викторовна', gender: 'female',
  phone: '89051234567', email: 'sokolova@mail.ru', address: 'г. Бийск, ул. Ленина, 3',
};

describe('guardian records', () => {
  it('adds, reads, changes and lists a guardian', async () => {
    const created = await as(t.app, admin).post(url(), sokolova);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ phone: '+79051234567', fullName: 'Соколова Елена Викторовна', shortName: 'Соколова Е. В.' });
    const id = created.json().id;
    expect((await as(t.app, admin).get(url(`/${id}`))).json()).toEqual(created.json());
    const changed = await as(t.app, admin).patch(url(`/${id}`), { phone: '+7 905 000-00-00' });
    expect(changed.json()).toMatchObject({ phone: '+79050000000', email: 'sokolova@mail.ru', middleName: 'Викторовна' });
    const found = await as(t.app, schoolActor(schoolId, 'deputy')).get(`${url()}?search=${encodeURIComponent('соколова е')}`);
    expect(found.json().items.map((g: { id: string }) => g.id)).toEqual([id]);
  });

  it('refuses bad input with field messages and adds no row', async () => {
    const before = await rows();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...sokolova, lastName: undefined }, 'lastName'],
      [{ ...sokolova, gender: undefined }, 'gender'],
      [{ ...sokolova, firstName: 'Елена1' }, 'firstName'],
      [{ ...sokolova, phone: '890512345' }, 'phone'],
      [{ ...sokolova, email: 'sokolova@@mail.ru' }, 'email'],
      [{ ...sokolova, address: 12 }, 'address'],
    ];
    for (const [body, field] of cases) {
      const res = await as(t.app, admin).post(url(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], field).toBeTruthy();
    }
    const g = await createGuardian(t.database.db, schoolId);
    const afterCreate = await rows();
    expect((await as(t.app, admin).patch(url(`/${g.id}`), { email: 'x' })).statusCode).toBe(400);
    expect(await rows()).toEqual(afterCreate);
    expect(afterCreate).toHaveLength(before.length + 1);
  });

  it('answers 404 for unknown and another school\'s guardians, changing nothing', async () => {
    const foreign = await createGuardian(t.database.db, otherSchoolId);
    const foreignBefore = await rows(otherSchoolId);
    for (const res of [
      await as(t.app, admin).get(url(`/${unknownId}`)),
      await as(t.app, admin).get(url(`/${foreign.id}`)),
      await as(t.app, admin).patch(url(`/${foreign.id}`), { firstName: 'Анна' }),
      await as(t.app, admin).delete(url(`/${foreign.id}`)),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('guardian.not_found');
    }
    expect(await rows(otherSchoolId)).toEqual(foreignBefore);
  });

  it('deletes an unlinked guardian and keeps a linked one with 409', async () => {
    const lonely = await createGuardian(t.database.db, schoolId);
    expect((await as(t.app, admin).delete(url(`/${lonely.id}`))).json()).toEqual({ deleted: true });
    const parent = await createGuardian(t.database.db, schoolId);
    await linkGuardian(t.database.db, schoolId, (await createStudent(t.database.db, schoolId)).id, parent.id);
    const before = await rows();
    const res = await as(t.app, admin).delete(url(`/${parent.id}`));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('guardian.has_students');
    expect(await rows()).toEqual(before);
  });
});

describe('links between students and guardians', () => {
  it('links a mother to two siblings and a father to one, and reads the links from both sides', async () => {
    const db = t.database.db;
    const anna = await createStudent(db, schoolId, { lastName: 'Соколова', firstName: 'Анна' });
    const boris = await createStudent(db, schoolId, { lastName: 'Соколов', firstName: 'Борис' });
    const mother = await createGuardian(db, schoolId, { lastName: 'Соколова', firstName: 'Елена' });
    const father = await createGuardian(db, schoolId, { lastName: 'Соколов', firstName: 'Игорь', middleName: 'Петрович', gender: 'male' });
    for (const [student, guardian, relation] of [[anna, mother, 'mother'], [boris, mother, 'mother'], [anna, father, 'father']] as const) {
      const res = await as(t.app, admin).put(linkUrl(student.id, guardian.id), { relation });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: guardian.id, relation });
    }
    const ofAnna = await as(t.app, admin).get(`${base()}/students/${anna.id}/guardians`);
    expect(ofAnna.json().items.map((g: { fullName: string; relation: string }) => [g.fullName, g.relation])).toEqual([
      ['Соколов Игорь Петрович', 'father'], ['Соколова Елена Ивановна', 'mother'],
    ]);
    const children = await as(t.app, schoolActor(schoolId, 'director')).get(url(`/${mother.id}/students`));
    expect(children.json().items.map((s: { id: string; relation: string }) => [s.id, s.relation])).toEqual([
      [boris.id, 'mother'], [anna.id, 'mother'],
    ]);
    const filtered = await as(t.app, admin).get(`${url()}?studentId=${boris.id}`);
    expect(filtered.json().items.map((g: { id: string }) => g.id)).toEqual([mother.id]);
  });

  it('changes the relation of an existing link instead of adding a second one', async () => {
    const student = await createStudent(t.database.db, schoolId);
    const guardian = await createGuardian(t.database.db, schoolId);
    await as(t.app, admin).put(linkUrl(student.id, guardian.id), { relation: 'other' });
    const before = (await links()).length;
    const res = await as(t.app, admin).put(linkUrl(student.id, guardian.id), { relation: 'guardian' });
    expect(res.json().relation).toBe('guardian');
    expect(await links()).toHaveLength(before);
    const ofStudent = await as(t.app, admin).get(`${base()}/students/${student.id}/guardians`);
    expect(ofStudent.json().items).toEqual([expect.objectContaining({ id: guardian.id, relation: 'guardian' })]);
  });

  it('refuses a bad relation, unknown ids and another school\'s guardian or student, adding no link', async () => {
    const student = await createStudent(t.database.db, schoolId);
    const guardian = await createGuardian(t.database.db, schoolId);
    const foreignGuardian = await createGuardian(t.database.db, otherSchoolId);
    const foreignStudent = await createStudent(t.database.db, otherSchoolId);
    const before = await links();
    const bad = await as(t.app, admin).put(linkUrl(student.id, guardian.id), { relation: 'aunt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.relation).toBeTruthy();
    const missing = await as(t.app, admin).put(linkUrl(student.id, guardian.id), {});
    expect(missing.json().error.fields.relation).toBe('Обязательное поле');
    expect((await as(t.app, admin).put(linkUrl(student.id, 'nope'), { relation: 'mother' })).statusCode).toBe(400);
    const cases: [string, string, string][] = [
      [student.id, foreignGuardian.id, 'guardian.not_found'],
      [student.id, unknownId, 'guardian.not_found'],
      [foreignStudent.id, guardian.id, 'student.not_found'],
      [unknownId, guardian.id, 'student.not_found'],
    ];
    for (const [studentId, guardianId, code] of cases) {
      const res = await as(t.app, admin).put(linkUrl(studentId, guardianId), { relation: 'mother' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe(code);
    }
    expect(await links()).toEqual(before);
    expect(await linkRows(t.database.db, otherSchoolId)).toEqual([]);
  });

  it('removes a link and answers 404 for a link that does not exist', async () => {
    const student = await createStudent(t.database.db, schoolId);
    const guardian = await createGuardian(t.database.db, schoolId);
    await linkGuardian(t.database.db, schoolId, student.id, guardian.id, 'father');
    expect((await as(t.app, admin).delete(linkUrl(student.id, guardian.id))).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin).get(`${base()}/students/${student.id}/guardians`)).json().items).toEqual([]);
    const before = await links();
    const again = await as(t.app, admin).delete(linkUrl(student.id, guardian.id));
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('student_guardian.not_found');
    expect((await as(t.app, admin).delete(linkUrl(unknownId, guardian.id))).statusCode).toBe(404);
    expect(await links()).toEqual(before);
  });

  it('answers 404 when reading the links of an unknown or another school\'s person, and 400 for an unknown student filter', async () => {
    const foreignStudent = await createStudent(t.database.db, otherSchoolId);
    const foreignGuardian = await createGuardian(t.database.db, otherSchoolId);
    expect((await as(t.app, admin).get(`${base()}/students/${foreignStudent.id}/guardians`)).statusCode).toBe(404);
    expect((await as(t.app, admin).get(url(`/${foreignGuardian.id}/students`))).statusCode).toBe(404);
    const filter = await as(t.app, admin).get(`${url()}?studentId=${foreignStudent.id}`);
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.fields.studentId).toBe('Обучающийся не найден');
  });
});

describe('who may read and write guardians', () => {
  let student: { id: string };
  let guardian: { id: string };
  beforeAll(async () => {
    student = await createStudent(t.database.db, schoolId);
    guardian = await createGuardian(t.database.db, schoolId);
    await linkGuardian(t.database.db, schoolId, student.id, guardian.id);
  });
  const reads = () => [url(), url(`/${guardian.id}`), `${base()}/students/${student.id}/guardians`, url(`/${guardian.id}/students`)];

  it('asks for a sign-in without an actor', async () => {
    for (const path of reads()) expect((await as(t.app, null).get(path)).statusCode).toBe(401);
    expect((await as(t.app, null).put(linkUrl(student.id, guardian.id), { relation: 'mother' })).statusCode).toBe(401);
  });

  it('lets the director and the deputy read guardians, and shows nothing of them to an unrelated teacher, student or guardian', async () => {
    for (const path of reads()) {
      expect((await as(t.app, schoolActor(schoolId, 'director')).get(path)).statusCode, path).toBe(200);
      expect((await as(t.app, schoolActor(schoolId, 'deputy')).get(path)).statusCode, path).toBe(200);
    }
    // The list, the guardian, the student's guardians, the guardian's children: an empty list, 404 out of scope, 403 without the role.
    const expected = { teacher: [200, 404, 404, 404], student: [403, 403, 404, 403], guardian: [200, 404, 404, 404] } as const;
    for (const [role, statuses] of Object.entries(expected)) {
      const stranger = schoolActor(schoolId, role as keyof typeof expected, unknownId);
      const answers = await Promise.all(reads().map((path) => as(t.app, stranger).get(path)));
      expect(answers.map((res) => res.statusCode), role).toEqual(statuses);
      if (statuses[0] === 200) expect(answers[0]!.json().items).toEqual([]);
    }
  });

  it('lets a guardian read their own record and children, not the other guardians of the child', async () => {
    const father = await createGuardian(t.database.db, schoolId, { firstName: 'Олег', gender: 'male' });
    await linkGuardian(t.database.db, schoolId, student.id, father.id, 'father');
    const self = schoolActor(schoolId, 'guardian', guardian.id);
    expect((await as(t.app, self).get(url())).json().items.map((g: { id: string }) => g.id)).toEqual([guardian.id]);
    expect((await as(t.app, self).get(url(`/${guardian.id}/students`))).json().items.map((s: { id: string }) => s.id)).toEqual([student.id]);
    expect((await as(t.app, self).get(`${base()}/students/${student.id}/guardians`)).json().items.map((g: { id: string }) => g.id)).toEqual([guardian.id]);
    expect((await as(t.app, self).get(url(`/${father.id}`))).statusCode).toBe(404);
    expect((await as(t.app, self).patch(url(`/${guardian.id}`), { firstName: 'Анна' })).statusCode).toBe(403);
  });

  it('refuses writes by a teacher and a deputy with 403, changing nothing', async () => {
    const before = [await rows(), await links()];
    for (const role of ['teacher', 'deputy'] as const) {
      const actor = schoolActor(schoolId, role);
      for (const res of [
        await as(t.app, actor).post(url(), sokolova),
        await as(t.app, actor).delete(url(`/${guardian.id}`)),
        await as(t.app, actor).put(linkUrl(student.id, guardian.id), { relation: 'other' }),
        await as(t.app, actor).delete(linkUrl(student.id, guardian.id)),
      ]) expect(res.statusCode).toBe(403);
    }
    // A teacher may change the guardians of his own class only: this one is not his (404).
    expect((await as(t.app, schoolActor(schoolId, 'teacher')).patch(url(`/${guardian.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(schoolId, 'deputy')).patch(url(`/${guardian.id}`), { firstName: 'Анна' })).statusCode).toBe(403);
    expect([await rows(), await links()]).toEqual(before);
  });

  it('answers 404 to an admin of another school, changing nothing', async () => {
    const outsider = schoolActor(otherSchoolId, 'admin');
    const before = [await rows(), await links()];
    for (const path of reads()) expect((await as(t.app, outsider).get(path)).statusCode).toBe(404);
    expect((await as(t.app, outsider).post(url(), sokolova)).statusCode).toBe(404);
    expect((await as(t.app, outsider).put(linkUrl(student.id, guardian.id), { relation: 'other' })).statusCode).toBe(404);
    expect((await as(t.app, outsider).delete(linkUrl(student.id, guardian.id))).statusCode).toBe(404);
    expect((await as(t.app, outsider).delete(url(`/${guardian.id}`))).statusCode).toBe(404);
    expect([await rows(), await links()]).toEqual(before);
  });
});
