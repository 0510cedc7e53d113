import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  accountCounts, codesIn, codesOf, createActivationApp, eventsOf, pdfText, PUBLIC_URL, setClassTeacher,
} from '../../../../../tests/factories/activation.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, createYearWithClasses, linkGuardian } from '../../../../../tests/factories/people.ts';
import { as, schoolActor, type TestContext } from '../../../../../tests/support/testApp.ts';
import type { Actor } from '../../../policy/policy.ts';
import { CODE_ALPHABET } from './activationCodes.ts';

let t: TestContext;
const clock = new Date('2026-02-10T06:00:00Z');
beforeAll(async () => { t = await createActivationApp(() => clock); });
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
const issue = (actor: Actor | null, schoolId: string, body: unknown) => as(t.app, actor).post(`/api/v1/schools/${schoolId}/activation-codes`, body);
const slipText = (res: LightMyRequestResponse) => pdfText(res.rawPayload);
const pages = (res: LightMyRequestResponse) => res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
const sha256 = (code: string) => createHash('sha256').update(code.replace('-', '')).digest('hex');

/** A school with 5 «Б»: two students, the first with both parents, the second with one; a class teacher; a second class. */
async function school() {
  const { school } = await createSchool(db());
  const classTeacher = await createStaff(db(), school.id, { lastName: 'Классная', firstName: 'Ольга', middleName: 'Игоревна' });
  const otherTeacher = await createStaff(db(), school.id, { lastName: 'Предметник', firstName: 'Игорь', middleName: 'Олегович', gender: 'male' });
  const dasha = await createStudent(db(), school.id, { lastName: 'Соколова', firstName: 'Дарья', middleName: 'Андреевна', gender: 'female' });
  const misha = await createStudent(db(), school.id, { lastName: 'Белов', firstName: 'Михаил', middleName: 'Ильич' });
  const stranger = await createStudent(db(), school.id, { lastName: 'Чужой', firstName: 'Антон', middleName: 'Павлович' });
  const mother = await createGuardian(db(), school.id, { lastName: 'Соколова', firstName: 'Елена', middleName: 'Викторовна' });
  const father = await createGuardian(db(), school.id, { lastName: 'Соколов', firstName: 'Андрей', middleName: 'Петрович', gender: 'male' });
  const grandma = await createGuardian(db(), school.id, { lastName: 'Белова', firstName: 'Нина', middleName: 'Ивановна' });
  const strangerMother = await createGuardian(db(), school.id, { lastName: 'Чужая', firstName: 'Вера', middleName: 'Павловна' });
  await linkGuardian(db(), school.id, dasha.id, mother.id);
  await linkGuardian(db(), school.id, dasha.id, father.id, 'father');
  await linkGuardian(db(), school.id, misha.id, grandma.id, 'guardian');
  await linkGuardian(db(), school.id, stranger.id, strangerMother.id);
  const { classIds } = await createYearWithClasses(db(), school.id, {
    '5Б': [{ studentId: dasha.id }, { studentId: misha.id }], '6В': [{ studentId: stranger.id }], '7Г': [],
  });
  await setClassTeacher(db(), classIds['5Б']!, classTeacher.id);
  return {
    school, classTeacher, otherTeacher, dasha, misha, stranger, mother, father, grandma, strangerMother, classIds,
    admin: schoolActor(school.id, 'admin'),
    curator: schoolActor(school.id, 'teacher', classTeacher.id),
  };
}

describe('credential slips', () => {
  it('prints one slip per person of a class, students first, each code stored only as its hash', async () => {
    const s = await school();
    const res = await issue(s.admin, s.school.id, { classId: s.classIds['5Б'] });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="activation-codes-2026-02-10\.pdf"$/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-klassny-slips']).toBe('5');
    const text = slipText(res);
    for (const line of [s.school.shortName, s.school.name, 'Белов Михаил Ильич', 'Соколова Дарья Андреевна', 'Соколова Елена Викторовна',
      'Родитель (законный представитель) обучающегося:', 'Действителен до 24.02.2026, 13:00', PUBLIC_URL, 'Введите код активации с этого листка.']) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('Чужой');
    expect(text.indexOf('Белов Михаил')).toBeLessThan(text.indexOf('Белова Нина'));
    const codes = codesIn(text);
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
    for (const code of codes) expect([...code.replace('-', '')].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    const [dashaCode] = await codesOf(db(), s.dasha.id);
    expect(dashaCode).toMatchObject({ personKind: 'student', role: 'student', schoolId: s.school.id, usedAt: null, revokedAt: null });
    expect(dashaCode!.expiresAt.toISOString()).toBe('2026-02-24T06:00:00.000Z');
    const [fatherCode] = await codesOf(db(), s.father.id);
    expect(fatherCode).toMatchObject({ personKind: 'guardian', role: 'guardian' });
    const stored = [dashaCode, fatherCode, ...(await codesOf(db(), s.misha.id)), ...(await codesOf(db(), s.mother.id)), ...(await codesOf(db(), s.grandma.id))];
    expect(stored.map((c) => c!.codeHash).sort()).toEqual(codes.map(sha256).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace('-', ''));
    const [event] = (await eventsOf(db(), 'activation.issued')).filter((e) => e.schoolId === s.school.id);
    expect(event!.details).toMatchObject({ count: 5, revoked: 0, classId: s.classIds['5Б'] });
  });

  it('fits six slips to an A4 page', async () => {
    const { school } = await createSchool(db());
    const list = [];
    for (let i = 0; i < 7; i++) list.push({ kind: 'student', id: (await createStudent(db(), school.id, { lastName: `Ученик${i}` })).id });
    const res = await issue(schoolActor(school.id, 'admin'), school.id, { people: list });
    expect(res.statusCode).toBe(201);
    expect(pages(res)).toBe(2);
    expect(res.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('prints only the parents when asked, naming every child of theirs in the class', async () => {
    const s = await school();
    const res = await issue(s.admin, s.school.id, { classId: s.classIds['5Б'], include: ['guardians'] });
    expect(res.statusCode).toBe(201);
    const text = slipText(res);
    expect(codesIn(text)).toHaveLength(3);
    expect(text).toContain('Белова Нина Ивановна\nРодитель (законный представитель) обучающегося:\nБелов Михаил Ильич');
    expect(await codesOf(db(), s.dasha.id)).toHaveLength(0);
  });

  it('grants staff the role of their position: a master of industrial training signs in as a teacher', async () => {
    const { school } = await createSchool(db(), 'college');
    const master = await createStaff(db(), school.id, { position: 'master', lastName: 'Мастеров' });
    const deputy = await createStaff(db(), school.id, { position: 'deputy', lastName: 'Завучева' });
    const teacher = await createStaff(db(), school.id, { position: 'teacher', lastName: 'Преподавателева' });
    const res = await issue(schoolActor(school.id, 'admin'), school.id, {
      people: [{ kind: 'staff', id: master.id }, { kind: 'staff', id: deputy.id }, { kind: 'staff', id: teacher.id }],
    });
    expect(res.statusCode).toBe(201);
    expect((await codesOf(db(), master.id))[0]!.role).toBe('teacher');
    expect((await codesOf(db(), deputy.id))[0]!.role).toBe('deputy');
    const text = slipText(res);
    expect(text).toContain('Мастер производственного обучения');
    expect(text).toContain('Заместитель директора');
    expect(text).toContain('Преподаватель');
  });

  it('refuses a position without a role and a dismissed employee, issuing nothing', async () => {
    const { school } = await createSchool(db());
    const admin = schoolActor(school.id, 'admin');
    const cook = await createStaff(db(), school.id, { position: 'other' });
    const gone = await createStaff(db(), school.id, { dismissedOn: '2026-01-31' });
    const before = await accountCounts(db());
    const other = await issue(admin, school.id, { people: [{ kind: 'staff', id: cook.id }] });
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ code: 'activation.no_role', fields: { people: expect.any(String) } });
    expect((await issue(admin, school.id, { people: [{ kind: 'staff', id: gone.id }] })).json().error.code).toBe('activation.dismissed');
    expect(await accountCounts(db())).toEqual(before);
  });

  it('a new slip revokes the person\'s earlier unused code', async () => {
    const s = await school();
    await issue(s.admin, s.school.id, { people: [{ kind: 'student', id: s.misha.id }] });
    const again = await issue(s.admin, s.school.id, { people: [{ kind: 'student', id: s.misha.id }, { kind: 'guardian', id: s.grandma.id }] });
    expect(again.statusCode).toBe(201);
    const [first, second] = await codesOf(db(), s.misha.id);
    expect(first!.revokedAt).toEqual(clock);
    expect(second!.revokedAt).toBeNull();
    const events = (await eventsOf(db(), 'activation.issued')).filter((e) => e.schoolId === s.school.id);
    expect(events.map((e) => e.details.revoked)).toEqual([0, 1]);
  });
});

describe('who may print slips', () => {
  it('lets a class teacher print for their own class and its parents', async () => {
    const s = await school();
    expect((await issue(s.curator, s.school.id, { classId: s.classIds['5Б'] })).statusCode).toBe(201);
    const res = await issue(s.curator, s.school.id, { people: [{ kind: 'student', id: s.misha.id }, { kind: 'guardian', id: s.father.id }] });
    expect(res.statusCode).toBe(201);
    expect(codesIn(slipText(res))).toHaveLength(2);
  });

  it('answers a class teacher 404 for another class, its students and their parents, issuing nothing', async () => {
    const s = await school();
    const before = await accountCounts(db());
    const cases = [
      { body: { classId: s.classIds['6В'] }, code: 'class.not_found' },
      { body: { people: [{ kind: 'student', id: s.stranger.id }] }, code: 'student.not_found' },
      { body: { people: [{ kind: 'student', id: s.dasha.id }, { kind: 'student', id: s.stranger.id }] }, code: 'student.not_found' },
      { body: { people: [{ kind: 'guardian', id: s.strangerMother.id }] }, code: 'guardian.not_found' },
    ];
    for (const { body, code } of cases) {
      const res = await issue(s.curator, s.school.id, body);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe(code);
    }
    expect(await accountCounts(db())).toEqual(before);
  });

  it('refuses a teacher without a class, a class teacher asking for staff, and the other roles, with 403', async () => {
    const s = await school();
    const before = await accountCounts(db());
    const body = { people: [{ kind: 'student', id: s.dasha.id }] };
    expect((await issue(schoolActor(s.school.id, 'teacher', s.otherTeacher.id), s.school.id, body)).statusCode).toBe(403);
    expect((await issue(schoolActor(s.school.id, 'teacher'), s.school.id, body)).statusCode).toBe(403);
    expect((await issue(s.curator, s.school.id, { people: [{ kind: 'staff', id: s.otherTeacher.id }] })).statusCode).toBe(403);
    for (const role of ['director', 'deputy', 'student', 'guardian'] as const) {
      expect((await issue(schoolActor(s.school.id, role), s.school.id, body)).statusCode).toBe(403);
    }
    expect(await accountCounts(db())).toEqual(before);
  });

  it('answers 401 without an actor and 404 to an admin of another school or for another school\'s people', async () => {
    const s = await school();
    const other = await school();
    const before = await accountCounts(db());
    expect((await issue(null, s.school.id, { classId: s.classIds['5Б'] })).statusCode).toBe(401);
    expect((await issue(other.admin, s.school.id, { classId: s.classIds['5Б'] })).statusCode).toBe(404);
    for (const [kind, id] of [['student', other.dasha.id], ['guardian', other.mother.id], ['staff', other.classTeacher.id]]) {
      const res = await issue(s.admin, s.school.id, { people: [{ kind: 'student', id: s.misha.id }, { kind, id }] });
      expect(res.statusCode).toBe(404);
    }
    expect((await issue(s.admin, s.school.id, { classId: other.classIds['5Б'] })).json().error.code).toBe('class.not_found');
    expect((await issue(s.admin, s.school.id, { classId: '01900000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    expect(await accountCounts(db())).toEqual(before);
  });
});

describe('bad requests for slips', () => {
  it('refuses malformed bodies with field messages and issues nothing', async () => {
    const s = await school();
    const before = await accountCounts(db());
    const cases: [unknown, string][] = [
      [{}, 'people'],
      [{ people: [] }, 'people'],
      [{ people: [{ kind: 'teacher', id: s.dasha.id }] }, 'people.0.kind'],
      [{ people: [{ kind: 'student', id: 'not-a-uuid' }] }, 'people.0.id'],
      [{ people: [{ kind: 'student' }] }, 'people.0.id'],
      [{ people: [{ kind: 'student', id: s.dasha.id }], classId: s.classIds['5Б'] }, 'classId'],
      [{ people: [{ kind: 'student', id: s.dasha.id }], include: ['students'] }, 'include'],
      [{ classId: s.classIds['5Б'], include: [] }, 'include'],
      [{ classId: s.classIds['5Б'], include: ['teachers'] }, 'include.0'],
      [{ classId: 42 }, 'classId'],
    ];
    for (const [body, field] of cases) {
      const res = await issue(s.admin, s.school.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect((await issue(s.admin, 'not-a-school', { classId: s.classIds['5Б'] })).statusCode).toBe(400);
    const empty = await issue(s.admin, s.school.id, { classId: s.classIds['7Г'] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('activation.nobody');
    expect(await accountCounts(db())).toEqual(before);
  });
});
