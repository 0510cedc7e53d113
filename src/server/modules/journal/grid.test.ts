import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLessonTime, journalWorld, type JournalWorld, workTypeNamed } from '../../../../tests/factories/journal.ts';
import { insertPeriod, insertYear, makeSubgroup, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Db } from '../../db/client.ts';
import { ZJournal } from '../../../shared/contract/journal.ts';
import type { Actor } from '../../policy/policy.ts';
import { readJournalPage } from './gridQueries.ts';
import * as groups from '../structure/groupService.ts';
import * as load from '../structure/loadService.ts';
import { ensureDefaultWorkTypes } from '../grading/workTypeService.ts';

let t: TestContext;
let w: JournalWorld;
let url: string;
const clock = new Date('2025-10-20T06:00:00Z');
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const ids: Record<string, string> = {};


beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await journalWorld(db());
  await ensureDefaultWorkTypes(db(), w.schoolId);
  const answer = (await workTypeNamed(db(), w.schoolId, 'Ответ на уроке'))!.id;
  const control = (await workTypeNamed(db(), w.schoolId, 'Контрольная работа'))!.id;
  const base = `/api/v1/schools/${w.schoolId}`;
  const l1 = await w.lesson('2025-09-10', { workTypeIds: [control], topic: 'Дроби' });
  const l2 = await w.lesson('2025-09-12', { workTypeIds: [control], status: 'cancelled' });
  const l3 = await w.lesson('2025-10-22', { workTypeIds: [control] });
  await w.lesson('2025-11-10');
  await w.lesson('2025-09-10', { subjectId: w.russian.id, staffId: w.russianTeacher.id });
  Object.assign(ids, { l1: l1.id, l2: l2.id, l3: l3.id, answer, control });
  const mark = async (lessonId: string, studentId: string, workTypeId: string, value: string) =>
    (await as(t.app, teacher()).post(`${base}/lessons/${lessonId}/marks`, { studentId, workTypeId, value })).json();
  const s = w.students;
  ids.antonovControl = (await mark(l1.id, s.antonov.id, control, '5')).id;
  await mark(l1.id, s.antonov.id, answer, '4');
  await atLessonTime(clock, '2025-10-22', () => mark(l3.id, s.borisova.id, answer, '3'));
  const deleted = await mark(l1.id, s.vasiliev.id, control, '2');
  await as(t.app, teacher()).delete(`${base}/marks/${deleted.id}?version=1`);
  await as(t.app, teacher()).put(`${base}/lessons/${l1.id}/attendance/${s.borisova.id}`, { code: 'absent', reason: 'Болела' });
  await as(t.app, teacher()).put(`${base}/lessons/${l1.id}/attendance/${s.vasiliev.id}`, { code: 'late' });
  url = `${base}/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`;
});
afterAll(async () => { await t.close(); });

describe('the journal page', () => {
  it('shows the period\'s students by name, the subject\'s lessons, current marks and attendance', async () => {
    const res = await as(t.app, teacher()).get(url);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.group).toEqual({ id: w.classA.groupId, name: '5А', kind: 'class', classId: w.classA.id });
    expect(page.subject).toMatchObject({ id: w.maths.id, name: 'Математика' });
    expect(page.period).toMatchObject({ id: w.q1.id, startsOn: '2025-09-01', endsOn: '2025-10-24' });
    // Григорьев came on 1 October and Дмитриев left on 15 September: both sat in the group during the quarter.
    expect(page.students.map((s: { name: string }) => s.name)).toEqual([
      'Антонов Антон Петрович', 'Борисова Бэлла Петрович', 'Васильев Василий Петрович', 'Григорьев Григорий Петрович', 'Дмитриев Дмитрий Петрович',
    ]);
    expect(page.students[0].shortName).toBe('Антонов А. П.');
    expect(page.lessons.map((l: { id: string; status: string }) => [l.id, l.status])).toEqual([[ids.l1, 'scheduled'], [ids.l2, 'cancelled'], [ids.l3, 'scheduled']]);
    expect(page.lessons[0]).toMatchObject({ date: '2025-09-10', lessonNumber: 1, topic: 'Дроби', kind: 'regular', workTypeIds: [ids.control], substituteStaffId: null });
    expect(page.marks.map((m: { studentId: string; value: string; weight: number }) => [m.studentId, m.value, m.weight])).toEqual([
      [w.students.antonov.id, '5', 2], [w.students.antonov.id, '4', 1], [w.students.borisova.id, '3', 1],
    ]);
    expect(page.marks[0]).toEqual(expect.objectContaining({ id: ids.antonovControl, lessonId: ids.l1, scale: 'five', workTypeId: ids.control, version: 1, comment: '', updatedAt: clock.toISOString() }));
    expect(page.attendance.map((a: { studentId: string; code: string; reason: string }) => [a.studentId, a.code, a.reason]).sort()).toEqual([
      [w.students.borisova.id, 'absent', 'Болела'], [w.students.vasiliev.id, 'late', ''],
    ].sort());
    expect(page.workTypes).toHaveLength(8);
    expect(page.canWrite).toBe(true);
    // No compromised login reported: nothing on the page is under review (audit/compromiseJournal.test.ts flags some).
    expect(page.underReview).toEqual({ lessons: [], cells: [] });
    // The page is sent without the schema's serializer (plugins/plainJson.ts): it must hold the contract by itself.
    expect(ZJournal.parse(page)).toEqual(page);
  });

  it('names the debts of the control work and the weighted means', async () => {
    const page = (await as(t.app, teacher()).get(url)).json();
    // Васильев was late (so present) and his mark was deleted; Дмитриев was still in the class; Борисова was absent;
    // Григорьев came later; the cancelled lesson and the lesson after today owe nothing.
    const debts = page.debts.map((d: { studentId: string; lessonId: string }) => `${d.studentId}/${d.lessonId}`).sort();
    expect(debts).toEqual([`${w.students.vasiliev.id}/${ids.l1}`, `${w.students.dmitriev.id}/${ids.l1}`].sort());
    expect(page.weightedMeans).toEqual({
      [w.students.antonov.id]: 4.66, [w.students.borisova.id]: 3, [w.students.vasiliev.id]: null,
      [w.students.grigoriev.id]: null, [w.students.dmitriev.id]: null,
    });
  });

  it('reads the whole page in two statements, from the ids alone', async () => {
    let queries = 0;
    const counting = new Proxy(db(), {
      get(target, key, receiver) {
        if (key === 'select' || key === 'selectDistinct' || key === 'execute') queries += 1;
        return Reflect.get(target, key, receiver);
      },
    }) as Db;
    const page = { schoolId: w.schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, periodId: w.q1.id };
    const read = await readJournalPage(counting, page, [w.teacher.id]);
    // Two statements, each built once (the newest grading rules are a subquery of the first; the
    // changes under review, on their partial index, a column of the second).
    expect(queries).toBe(3);
    const { cells } = read!;
    expect([cells.lessons.length, cells.marks.length, cells.attendance.length, cells.underReview.length]).toEqual([3, 3, 2, 0]);
    expect([read!.canWrite, read!.teaching.teachesNow]).toEqual([true, true]);
    // Дмитриев left on 15 September and Григорьев came on 1 October: both stays overlap the quarter.
    expect(cells.roster.map((r) => [r.lastName, r.startsOn, r.endsOn])).toEqual(expect.arrayContaining([
      ['Дмитриев', '2025-09-01', '2025-09-15'], ['Григорьев', '2025-10-01', null],
    ]));
    expect(cells.roster).toHaveLength(5);
    // Ids the school does not have give nulls and an empty page, not an error; another school's ids the same.
    const empty = { lessons: [], marks: [], attendance: [], roster: [], underReview: [] };
    expect(await readJournalPage(db(), { ...page, periodId: unknownId }, [])).toMatchObject({ period: null, cells: empty, canWrite: false });
    expect(await readJournalPage(db(), { ...page, schoolId: w.otherSchoolId }, [w.teacher.id])).toMatchObject({ group: null, subject: null, cells: empty });
  });

  it('is read by the whole-school roles, the group\'s teachers and its class teacher; not by others', async () => {
    const read = async (actor: Actor | null, at = url) => (await as(t.app, actor).get(at)).statusCode;
    for (const role of ['admin', 'director', 'deputy'] as const) {
      const res = await as(t.app, schoolActor(w.schoolId, role)).get(url);
      expect(res.statusCode, role).toBe(200);
      expect(res.json().canWrite).toBe(false);
    }
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.russianTeacher.id)).get(url)).json().canWrite).toBe(false);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.classTeacher.id))).toBe(200);
    const hidden = await as(t.app, schoolActor(w.schoolId, 'teacher', w.stranger.id)).get(url);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('teaching_group.not_found');
    expect(await read(schoolActor(w.schoolId, 'teacher', w.substitute.id))).toBe(404);
    expect(await read(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await read(schoolActor(w.schoolId, 'guardian'))).toBe(403);
    expect(await read(schoolActor(w.otherSchoolId, 'admin'))).toBe(404);
    expect(await read(schoolActor(w.otherSchoolId, 'admin'), url.replace(w.schoolId, w.otherSchoolId))).toBe(404);
    expect(await read(null)).toBe(401);
  });

  it('answers unknown ids, a period of another year and missing parameters with a clear 4xx', async () => {
    const admin = schoolActor(w.schoolId, 'admin');
    const base = `/api/v1/schools/${w.schoolId}/journal`;
    const q = (groupId: string, subjectId: string, periodId: string) => `${base}?groupId=${groupId}&subjectId=${subjectId}&periodId=${periodId}`;
    expect((await as(t.app, admin).get(q(unknownId, w.maths.id, w.q1.id))).json().error.code).toBe('teaching_group.not_found');
    expect((await as(t.app, admin).get(q(w.classA.groupId!, unknownId, w.q1.id))).json().error.code).toBe('subject.not_found');
    expect((await as(t.app, admin).get(q(w.classA.groupId!, w.maths.id, unknownId))).json().error.code).toBe('period.not_found');
    const nextYear = await insertYear(db(), w.schoolId, { startYear: 2026 });
    const later = await insertPeriod(db(), w.schoolId, nextYear.id, '2026-09-01', '2026-10-31');
    const otherYear = await as(t.app, admin).get(q(w.classA.groupId!, w.maths.id, later.id));
    expect(otherYear.statusCode).toBe(400);
    expect(otherYear.json().error.fields.periodId).toBeDefined();
    expect((await as(t.app, admin).get(`${base}?groupId=${w.classA.groupId}`)).json().error.fields.subjectId).toBe('Обязательное поле');
    expect((await as(t.app, admin).get(q('группа', w.maths.id, w.q1.id))).statusCode).toBe(400);
  });

  it('computes the means by the school\'s grading policy and sends the rules that decided them', async () => {
    const base = `/api/v1/schools/${w.schoolId}/grading-policy`;
    const current = (await as(t.app, schoolActor(w.schoolId, 'admin')).get(base)).json();
    const put = await as(t.app, schoolActor(w.schoolId, 'admin')).put(base, { ...current.rules, excludedWorkTypeIds: [ids.answer] });
    expect(put.statusCode).toBe(200);
    const page = (await as(t.app, teacher()).get(url)).json();
    // Антонов's «4» for an answer no longer counts: only the control work's «5» is left.
    expect(page.weightedMeans[w.students.antonov.id]).toBe(5);
    expect(page.weightedMeans[w.students.borisova.id]).toBeNull();
    expect(page.meanRules.excludedWorkTypeIds).toEqual([ids.answer]);
    await as(t.app, schoolActor(w.schoolId, 'admin')).put(base, current.rules);
  });

  it('shows a subgroup\'s page with its members while they were members, and its own lessons only', async () => {
    const group = await makeSubgroup(db(), w.schoolId, w.year.id, w.classA.id, '5А, группа 1');
    await load.createAssignment(db(), w.schoolId, { staffId: w.teacher.id, groupId: group.id, subjectId: w.maths.id, periodId: null, hoursPerWeek: 1 });
    await groups.addMember(db(), w.schoolId, group.id, { studentId: w.students.antonov.id, startsOn: '2025-09-01' });
    const left = await groups.addMember(db(), w.schoolId, group.id, { studentId: w.students.vasiliev.id, startsOn: '2025-09-01' });
    await groups.endMember(db(), w.schoolId, group.id, left.memberId!, { endsOn: '2025-09-05' });
    await groups.addMember(db(), w.schoolId, group.id, { studentId: w.students.borisova.id, startsOn: '2025-11-05' });
    const own = await w.lesson('2025-09-11', { groupId: group.id });
    const res = await as(t.app, teacher()).get(`/api/v1/schools/${w.schoolId}/journal?groupId=${group.id}&subjectId=${w.maths.id}&periodId=${w.q1.id}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    // Борисова joins in the second quarter: not on this page; Васильев left in September: still on it.
    expect(page.students.map((s: { id: string }) => s.id).sort()).toEqual([w.students.antonov.id, w.students.vasiliev.id].sort());
    expect(page.lessons.map((l: { id: string }) => l.id)).toEqual([own.id]);
    expect(page.group).toMatchObject({ id: group.id, kind: 'subgroup', classId: w.classA.id });
  });

  it('tells a teacher who may not read the group nothing about the page, whatever else is wrong in the request', async () => {
    const stranger = schoolActor(w.schoolId, 'teacher', w.stranger.id);
    const res = await as(t.app, stranger).get(`/api/v1/schools/${w.schoolId}/journal?groupId=${w.classA.groupId}&subjectId=${unknownId}&periodId=${w.q1.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('teaching_group.not_found');
  });

  // Last: it archives the world's year.
  it('no longer opens a teacher\'s group of a year that is archived, whatever the assignment says', async () => {
    expect((await as(t.app, teacher()).get(url)).statusCode).toBe(200);
    await db().execute(sql`update academic_years set status = 'archived' where school_id = ${w.schoolId} and id = ${w.year.id}`);
    const res = await as(t.app, teacher()).get(url);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('teaching_group.not_found');
    expect((await as(t.app, schoolActor(w.schoolId, 'deputy')).get(url)).statusCode).toBe(200);
  });
});
