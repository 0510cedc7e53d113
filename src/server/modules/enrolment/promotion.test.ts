import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { admit, insertStudent, insertYear, makeClass, rowsOf } from '../../../../tests/factories/structure.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/testApp.ts';
import * as enrolment from './service.ts';

let t: TestContext;
const db = () => t.database.db;

beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('promotion at the end of the year', () => {
  it('touches only open stays of the listed classes and records the order on both ends', async () => {
    const schoolId = (await createSchool(db())).school.id;
    const [from, to] = [await insertYear(db(), schoolId, { startYear: 2024 }), await insertYear(db(), schoolId, { startYear: 2025 })];
    const [a4, a9, b9] = [await makeClass(db(), schoolId, from.id, 4, 'А'), await makeClass(db(), schoolId, from.id, 9, 'А'), await makeClass(db(), schoolId, from.id, 9, 'Б')];
    const a5 = await makeClass(db(), schoolId, to.id, 5, 'А');
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await insertStudent(db(), schoolId));
    const [pupil, leaver, outsider, expelled] = people;
    await admit(db(), schoolId, pupil!.id, a4.id);
    await admit(db(), schoolId, leaver!.id, a9.id);
    await admit(db(), schoolId, outsider!.id, b9.id);
    const gone = await admit(db(), schoolId, expelled!.id, a4.id);
    await enrolment.expel(db(), schoolId, gone.id, { on: '2025-02-01', orderNumber: '3-о', orderDate: '2025-01-30', reason: 'Переезд' });
    const before = (await rowsOf(db(), 'enrolments', schoolId)).filter((s) => [outsider!.id, expelled!.id].includes(s.studentId));

    const result = await db().transaction((tx) => enrolment.promoteStudents(tx, schoolId, {
      classIds: new Map([[a4.id, a5.id]]), graduatingClassIds: [a9.id],
      lastDay: '2025-08-31', firstDay: '2025-09-01', orderNumber: '120-п', orderDate: '2025-05-28',
    }));

    expect(result).toEqual({ promoted: 1, graduated: 1, graduatedStudentIds: [leaver!.id] });
    const stays = await rowsOf(db(), 'enrolments', schoolId);
    expect(stays.filter((s) => [outsider!.id, expelled!.id].includes(s.studentId))).toEqual(before);
    const opened = stays.find((s) => s.classId === a5.id)!;
    expect(opened).toMatchObject({
      studentId: pupil!.id, startsOn: '2025-09-01', startEvent: 'promoted', startOrderNumber: '120-п', startOrderDate: '2025-05-28', endsOn: null,
    });
    expect(stays.find((s) => s.studentId === pupil!.id && s.classId === a4.id)).toMatchObject({
      endsOn: '2025-08-31', endEvent: 'promoted', endOrderNumber: '120-п', endOrderDate: '2025-05-28',
    });
    expect(stays.find((s) => s.studentId === leaver!.id)).toMatchObject({ endsOn: '2025-08-31', endEvent: 'graduated' });
  });
});
