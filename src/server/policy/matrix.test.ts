import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld, freshStudent, inYear, type MatrixCall, MATRIX_ROLES, type MatrixRole, type MatrixSide, schoolPath, TARGETS, type Target, type World,
} from '../../../tests/factories/policy.ts';
import { ACCESS_CALLS, ACCESS_MATRIX } from '../../../tests/factories/accessMatrix.ts';
import { GRADING_CALLS, GRADING_MATRIX, GRADING_MORE_CALLS } from '../../../tests/factories/gradingMatrix.ts';
import { JOURNAL_CALLS, JOURNAL_MATRIX, JOURNAL_MORE_CALLS } from '../../../tests/factories/journalMatrix.ts';
import { WRITE_CALLS, WRITE_MATRIX, WRITE_MORE_CALLS } from '../../../tests/factories/writeMatrix.ts';
import { as, createTestApp, type TestContext } from '../../../tests/support/testApp.ts';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema/accounts.ts';
import { academicYears } from '../db/schema/calendar.ts';
import { regions, schools } from '../db/schema/organisation.ts';
import { guardians, staff, studentGuardians, students } from '../db/schema/people.ts';
import { classes, enrolments } from '../db/schema/structure.ts';
import { lessons } from '../db/schema/timetable.ts';
import { addDays, weekday } from '../../shared/domain/calendar.ts';
import { ALL_ACTIONS, type Action } from './actions.ts';

const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));

/**
 * Every action × every caller × own / foreign object, through the real HTTP endpoint.
 * One letter per target, in the order own (class A of school 1), other (class B of school 1),
 * school2 (another school): A = allowed (the call's success status), 3 = 403, 4 = 404, U = 401.
 */
const MATRIX: Partial<Record<Action, string>> = {
  //                     admin director deputy teacher classT student guardian municipal otherAdmin platform none
  'school.read':         'AA4 AA4 AA4 AA4 AA4 AA4 AA4 AA4 44A AAA UUU',
  'school.update':       'AA4 334 334 334 334 334 334 444 44A AAA UUU',
  'calendar.read':       'AA4 AA4 AA4 AA4 AA4 AA4 AA4 444 44A 444 UUU',
  'calendar.write':      'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'structure.read':      'AA4 AA4 AA4 AA4 AA4 334 334 444 44A 444 UUU',
  'structure.write':     'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'staff.read':          'AA4 AA4 AA4 AA4 AA4 334 334 444 44A 444 UUU',
  'staff.write':         'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'student.read':        'AA4 AA4 AA4 A44 A44 A44 A44 444 44A 444 UUU',
  'student.update':      'AA4 334 334 444 A44 334 334 444 44A 444 UUU',
  'student.write':       'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'guardian.read':       'AA4 AA4 AA4 444 A44 334 A44 444 44A 444 UUU',
  'guardian.update':     'AA4 334 334 444 A44 334 334 444 44A 444 UUU',
  'guardian.write':      'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'enrolment.read':      'AA4 AA4 AA4 A44 A44 334 334 444 44A 444 UUU',
  'enrolment.write':     'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'groupMember.read':    'AA4 AA4 AA4 A44 A44 334 334 444 44A 444 UUU',
  'year.rollover':       'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'year.archive':        'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'security.read':       'AA4 AA4 334 334 334 334 334 444 44A 444 UUU',
  'account.read':        'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'account.write':       'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  'timetable.read':      'AA4 AA4 AA4 AA4 AA4 AA4 AA4 444 44A 444 UUU',
  'timetable.write':     'AA4 334 AA4 334 334 334 334 444 44A 444 UUU',
  'lesson.read':         'AA4 AA4 AA4 A44 A44 A44 A44 444 44A 444 UUU',
  'timesheet.read':      'AA4 AA4 AA4 A34 334 334 334 444 44A 444 UUU',
  'homework.read':       'AA4 AA4 AA4 A44 A44 A44 A44 444 44A 444 UUU',
  'organisation.read':   '333 333 333 333 333 333 333 AA4 333 AAA UUU',
  'organisation.write':  '333 333 333 333 333 333 333 333 333 AAA UUU',
  'municipality.read':   '444 444 444 444 444 444 444 AA4 444 AAA UUU',
  'diary.read':          'AA4 AA4 AA4 A44 A44 A44 A44 444 44A 444 UUU',
  'control.read':        'AA4 AA4 AA4 334 334 334 334 444 44A 444 UUU',
  'control.readOwn':     '334 334 334 AA4 AA4 334 334 444 443 444 UUU',
  'control.readClass':   'AA4 AA4 AA4 444 A44 334 334 444 44A 444 UUU',
  'report.read':         'AA4 AA4 AA4 334 A44 334 334 444 44A 444 UUU',
  ...GRADING_MATRIX,
  ...JOURNAL_MATRIX,
  ...WRITE_MATRIX,
  ...ACCESS_MATRIX,
};

type Side = MatrixSide;
type Call = MatrixCall;

const school = schoolPath;
type PersonOrStructureTable = typeof students | typeof guardians | typeof staff | typeof classes | typeof academicYears;
const byId = (table: PersonOrStructureTable) => (db: Db, s: Side, id: string) =>
  db.select({ row: table }).from(table as typeof students).where(and(eq(table.schoolId, s.schoolId), eq(table.id, id)));
const countIn = async (db: Db, table: typeof students | typeof enrolments, schoolId: string) =>
  (await db.select({ n: count() }).from(table).where(eq(table.schoolId, schoolId)))[0]!.n;

/** The real endpoint each action is tried on. */
const CALLS: Partial<Record<Action, Call>> = {
  'school.read': { method: 'GET', path: (s) => `/api/v1/schools/${s.schoolId}`, ok: 200 },
  'school.update': {
    method: 'PATCH', path: (s) => `/api/v1/schools/${s.schoolId}`, body: () => ({ address: 'г. Барнаул, ул. Ленина, 1' }), ok: 200,
    rows: (db, s) => db.select().from(schools).where(eq(schools.id, s.schoolId)),
  },
  'calendar.read': { method: 'GET', path: (s) => `${school(s)}/academic-years/${s.yearId}`, ok: 200 },
  'calendar.write': {
    method: 'PATCH', path: (s) => `${school(s)}/academic-years/${s.yearId}`, body: async (s, db) => ({ name: (await db.select().from(academicYears).where(eq(academicYears.id, s.yearId)))[0]!.name }), ok: 200,
    rows: (db, s) => byId(academicYears)(db, s, s.yearId),
  },
  'structure.read': { method: 'GET', path: (s) => `${school(s)}/classes/${s.classId}`, ok: 200 },
  'structure.write': {
    method: 'PATCH', path: (s) => `${school(s)}/classes/${s.classId}`, body: () => ({ shift: 1 }), ok: 200,
    rows: (db, s) => byId(classes)(db, s, s.classId),
  },
  'staff.read': { method: 'GET', path: (s) => `${school(s)}/staff/${s.staffId}`, ok: 200 },
  'staff.write': {
    method: 'PATCH', path: (s) => `${school(s)}/staff/${s.staffId}`, body: () => ({ phone: '+79130000003' }), ok: 200,
    rows: (db, s) => byId(staff)(db, s, s.staffId),
  },
  'student.read': { method: 'GET', path: (s) => `${school(s)}/students/${s.studentId}`, ok: 200 },
  'student.update': {
    method: 'PATCH', path: (s) => `${school(s)}/students/${s.studentId}`, body: () => ({ phone: '+79130000001' }), ok: 200,
    rows: (db, s) => byId(students)(db, s, s.studentId),
  },
  'student.write': {
    method: 'POST', path: (s) => `${school(s)}/students`, ok: 201,
    body: () => ({ lastName: 'Новиков', firstName: 'Иван', middleName: '', gender: 'male', birthDate: '2014-02-02' }),
    rows: (db, s) => countIn(db, students, s.schoolId),
  },
  'guardian.read': { method: 'GET', path: (s) => `${school(s)}/guardians/${s.guardianId}`, ok: 200 },
  'guardian.update': {
    method: 'PATCH', path: (s) => `${school(s)}/guardians/${s.guardianId}`, body: () => ({ phone: '+79130000002' }), ok: 200,
    rows: (db, s) => byId(guardians)(db, s, s.guardianId),
  },
  'guardian.write': {
    method: 'PUT', path: (s) => `${school(s)}/students/${s.studentId}/guardians/${s.guardianId}`, body: () => ({ relation: 'mother' }), ok: 200,
    rows: (db, s) => db.select().from(studentGuardians).where(eq(studentGuardians.schoolId, s.schoolId)),
  },
  'enrolment.read': { method: 'GET', path: (s) => `${school(s)}/enrolments/${s.enrolmentId}`, ok: 200 },
  'enrolment.write': {
    method: 'POST', path: (s) => `${school(s)}/enrolments`, ok: 201,
    body: async (s, db) => ({ studentId: await freshStudent(db, s.schoolId), classId: s.classId, startsOn: inYear('09-01'), orderNumber: '7-у', orderDate: inYear('09-01') }),
    rows: (db, s) => countIn(db, enrolments, s.schoolId),
  },
  'groupMember.read': { method: 'GET', path: (s) => `${school(s)}/teaching-groups/${s.groupId}/members?on=${inYear('09-01')}`, ok: 200 },
  'year.rollover': {
    method: 'POST', path: (s) => `${school(s)}/academic-years/${s.yearId}/rollover/preview`, ok: 200,
    body: () => ({ name: 'Следующий', startsOn: inYear('09-01').replace(/^\d+/, (y) => String(Number(y) + 1)), endsOn: inYear('08-31').replace(/^\d+/, (y) => String(Number(y) + 1)), orderNumber: '1-п', orderDate: inYear('05-30') }),
    rows: (db, s) => db.select().from(academicYears).where(eq(academicYears.schoolId, s.schoolId)),
  },
  // The world's years are open: the administrator is let through to the refusal of an open year.
  'year.archive': { method: 'GET', path: (s) => `${school(s)}/academic-years/${s.yearId}/archive.tar`, ok: 409 },
  'security.read': { method: 'GET', path: (s) => `${school(s)}/security-events`, ok: 200 },
  'account.read': { method: 'GET', path: (s) => `${school(s)}/accounts`, ok: 200 },
  'account.write': {
    method: 'POST', path: (s) => `${school(s)}/accounts/${s.userId}/sessions/end`, ok: 200,
    rows: (db, s) => db.select().from(sessions).where(eq(sessions.userId, s.userId)),
  },
  'timetable.read': { method: 'GET', path: (s) => `${school(s)}/timetable-slots?groupId=${s.groupId}`, ok: 200 },
  'timetable.write': {
    method: 'POST', path: (s) => `${school(s)}/lessons/generate`, body: (s) => ({ academicYearId: s.yearId }), ok: 200,
    rows: (db, s) => db.select().from(lessons).where(eq(lessons.schoolId, s.schoolId)),
  },
  // The КТП of a group is read by whoever reads its journal; any subject id will do (an empty plan).
  'lesson.read': { method: 'GET', path: (s) => `${school(s)}/planned-topics?groupId=${s.groupId}&subjectId=${s.groupId}`, ok: 200 },
  'timesheet.read': { method: 'GET', path: (s) => `${school(s)}/timesheet?staffId=${s.staffId}&from=2025-09-01&to=2025-09-30`, ok: 200 },
  // One student's homework: whoever may read that student's journal (policy/homework.ts).
  'homework.read': { method: 'GET', path: (s) => `${school(s)}/homework?studentId=${s.studentId}`, ok: 200 },
  'organisation.read': { method: 'GET', path: (s) => `/api/v1/regions/${s.regionId}`, ok: 200 },
  'organisation.write': {
    method: 'PATCH', path: (s) => `/api/v1/regions/${s.regionId}`, ok: 200,
    body: async (s, db) => ({ name: (await db.select().from(regions).where(eq(regions.id, s.regionId)))[0]!.name }),
    rows: (db, s) => db.select().from(regions).where(eq(regions.id, s.regionId)),
  },
  'municipality.read': { method: 'GET', path: (s) => `/api/v1/municipalities/${s.municipalityId}`, ok: 200 },
  'diary.read': { method: 'GET', path: (s) => `${school(s)}/students/${s.studentId}/diary/week?date=2025-09-01`, ok: 200 },
  'control.read': { method: 'GET', path: (s) => `${school(s)}/control/flags?from=2025-09-01&to=2025-09-30`, ok: 200 },
  'control.readOwn': { method: 'GET', path: (s) => `${school(s)}/control/my-flags?from=2025-09-01&to=2025-09-30`, ok: 200 },
  'control.readClass': { method: 'GET', path: (s) => `${school(s)}/control/classes/${s.classId}/flags?from=2025-09-01&to=2025-09-30`, ok: 200 },
  // A class's results: a teacher keeping no class is refused (403), a class teacher sees only his own class (404 for another).
  'report.read': { method: 'GET', path: (s) => `${school(s)}/reports/period-results?academicYearId=${s.yearId}&classId=${s.classId}`, ok: 200 },
  ...GRADING_CALLS,
  ...JOURNAL_CALLS,
  ...WRITE_CALLS,
  ...ACCESS_CALLS,
};

const STATUS: Record<string, number | 'ok'> = { A: 'ok', 3: 403, 4: 404, U: 401 };

/** The expected status of one call from the matrix string of its action. */
function expected(action: Action, role: MatrixRole, target: Target, call = CALLS[action]!): number {
  const cells = MATRIX[action]!.split(' ');
  const code = STATUS[cells[MATRIX_ROLES.indexOf(role)]![TARGETS.indexOf(target)]!]!;
  return code === 'ok' ? call.ok : code;
}

let t: TestContext;
let world: World;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.database.db);
});
afterAll(async () => { await t.close(); });

describe('the authorisation matrix', () => {
  it('has one row of expectations and one endpoint for every action of the typed list, and nothing else', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ALL_ACTIONS].sort());
    expect(Object.keys(CALLS).sort()).toEqual([...ALL_ACTIONS].sort());
    for (const action of ALL_ACTIONS) {
      expect(MATRIX[action]?.split(' ').map((cell) => cell.length), action).toEqual(MATRIX_ROLES.map(() => TARGETS.length));
    }
  });

  // Every action's endpoint, each followed by the further endpoints tried under the action's row.
  const more: [string, Action, Call][] = [...WRITE_MORE_CALLS, ...GRADING_MORE_CALLS, ...JOURNAL_MORE_CALLS,
    ['report.read (class summary)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/class-summary?classId=${s.classId}`, ok: 200 }],
    ['report.read (attendance)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/attendance?classId=${s.classId}&from=2025-09-01&to=2025-09-30`, ok: 200 }],
    // The world has no periods: an allowed caller passes the access check and is told the period is not the class's (400).
    ['report.read (forecast)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/forecast?classId=${s.classId}&periodId=${s.yearId}`, ok: 400 }],
    ['report.read (weekly sheets)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/weekly-sheets.pdf?classId=${s.classId}&week=${mondayOf(inYear('10-07'))}`, ok: 200 }],
    ['report.read (class summary file)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/class-summary/export?classId=${s.classId}&format=xlsx`, ok: 200 }],
    ['report.read (school summary)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/school-summary?academicYearId=${s.yearId}&classId=${s.classId}`, ok: 200 }],
    ['report.read (school summary file)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/school-summary/export?academicYearId=${s.yearId}&classId=${s.classId}&format=pdf`, ok: 200 }],
    ['report.read (year-end summary)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/year-end-summary.pdf?academicYearId=${s.yearId}&classId=${s.classId}`, ok: 200 }],
    ['report.read (attendance file)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/attendance/export?classId=${s.classId}&from=2025-09-01&to=2025-09-30&format=xlsx`, ok: 200 }],
    ['report.read (forecast file)', 'report.read', { method: 'GET', path: (s) => `${school(s)}/reports/forecast/export?classId=${s.classId}&periodId=${s.yearId}&format=pdf`, ok: 400 }]];
  const endpoints = ALL_ACTIONS.flatMap((action): [string, Action, Call | undefined][] => [
    [action, action, CALLS[action]], ...more.filter(([, of]) => of === action),
  ]);
  it.each(endpoints)('%s: every caller gets its status, and a refused write changes nothing', async (_name, action, call) => {
    const db = t.database.db;
    expect(call, `no endpoint for ${action}`).toBeDefined();
    if (!call) return;
    const failures: string[] = [];
    for (const role of MATRIX_ROLES) {
      for (const target of TARGETS) {
        const side = world.sides[target];
        const body = call.body ? await call.body(side, db, world.actors[role]) : undefined;
        const before = call.rows && (await call.rows(db, side));
        const client = as(t.app, world.actors[role]);
        const url = call.path(side);
        const res = call.method === 'GET' ? await client.get(url)
          : call.method === 'DELETE' ? await client.delete(url)
            : await client[call.method.toLowerCase() as 'post' | 'patch' | 'put'](url, body);
        const want = expected(action, role, target, call);
        if (res.statusCode !== want) failures.push(`${role} → ${target}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 400) expect(res.json().error.code, `${role} → ${target}`).toEqual(expect.any(String));
        if (call.rows && res.statusCode >= 400) {
          expect(await call.rows(db, side), `${action} refused for ${role} → ${target} must change nothing`).toEqual(before);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
