import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { openSession } from '../../src/server/modules/accounts/sessions/sessions.ts';
import * as load from '../../src/server/modules/structure/loadService.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import { createUser } from './accounts.ts';
import { createYear } from './calendar.ts';
import { createSchool } from './organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from './people.ts';
import { admit, makeClass, makeSubject } from './structure.ts';

/** The callers of the authorisation matrix, in the order of its columns. */
export const MATRIX_ROLES = [
  'admin', 'director', 'deputy', 'teacher', 'classTeacher', 'student', 'guardian', 'municipal', 'otherAdmin', 'platform', 'none',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * Where the object of a call lies: `own` is class A of school 1 (the teacher's group, the class
 * teacher's class, the student, the guardian's child), `other` class B of the same school (another
 * class, another child), `school2` a second school with its own administrator.
 */
export const TARGETS = ['own', 'other', 'school2'] as const;
export type Target = (typeof TARGETS)[number];

type Side = {
  schoolId: string;
  municipalityId: string;
  regionId: string;
  yearId: string;
  classId: string;
  groupId: string;
  staffId: string;
  studentId: string;
  guardianId: string;
  enrolmentId: string;
  /** An account holding a role in the school, for the accounts endpoints. */
  userId: string;
};

export type World = { sides: Record<Target, Side>; actors: Record<MatrixRole, Actor | null> };

/** The objects of one target, as a matrix call sees them. */
export type MatrixSide = World['sides'][Target];

/**
 * One action's endpoint in the authorisation matrix (src/server/policy/matrix.test.ts): the call,
 * its body (made before each call; the caller is passed for targets that depend on who asks), its
 * success status, and what a refused write must leave exactly as it was.
 */
export type MatrixCall = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (s: MatrixSide) => string;
  body?: (s: MatrixSide, db: Db, actor: Actor | null) => unknown;
  ok: number;
  rows?: (db: Db, s: MatrixSide) => PromiseLike<unknown>;
};

/** The API path of the target's school. */
export const schoolPath = (s: MatrixSide) => `/api/v1/schools/${s.schoolId}`;

/** The school year running today (so "today's roster" holds the fixture's students). */
const now = new Date();
export const YEAR_START = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
/** A date of that school year: `inYear('09-01')` is its first day; months before September fall in the next calendar year. */
export const inYear = (monthDay: string) => `${Number(monthDay.slice(0, 2)) >= 9 ? YEAR_START : YEAR_START + 1}-${monthDay}`;

let counter = 0;
const actorId = () => `00000000-0000-7000-9000-${String(++counter).padStart(12, '0')}`;
const actor = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({ userId: actorId(), platformAdmin: false, roles, ...extra });

async function classWithStudent(db: Db, schoolId: string, yearId: string, letter: string, classTeacherId: string) {
  const cls = await makeClass(db, schoolId, yearId, 5, letter, { classTeacherId });
  const student = await createStudent(db, schoolId, { firstName: `Ученик ${letter}` });
  const guardian = await createGuardian(db, schoolId, { firstName: `Родитель ${letter}` });
  await linkGuardian(db, schoolId, student.id, guardian.id);
  const stay = await admit(db, schoolId, student.id, cls.id, inYear('09-01'));
  const { user } = await createUser(db, { roles: [{ schoolId, role: 'student', personId: student.id }] });
  await openSession(db, { id: user.id, isPlatformAdmin: false }, { address: '10.0.0.1', userAgent: 'matrix' }, new Date());
  return { classId: cls.id, groupId: cls.groupId, studentId: student.id, guardianId: guardian.id, enrolmentId: stay.id, userId: user.id };
}

/**
 * One school with classes 5А and 5Б in an open year: a teacher of 5А's whole-class group, the
 * class teacher of 5А, a student of each class with a guardian; a second school in another
 * municipality with its own class, student and guardian. Then an actor for every matrix column.
 */
export async function buildWorld(db: Db): Promise<World> {
  const one = await createSchool(db);
  const two = await createSchool(db);
  const year = await createYear(db, one.school.id, { startYear: YEAR_START, status: 'open' });
  const year2 = await createYear(db, two.school.id, { startYear: YEAR_START, status: 'open' });
  const teacher = await createStaff(db, one.school.id, { lastName: 'Предметникова' });
  const classTeacher = await createStaff(db, one.school.id, { lastName: 'Классная' });
  const classTeacherB = await createStaff(db, one.school.id, { lastName: 'Другая' });
  const classTeacher2 = await createStaff(db, two.school.id, { lastName: 'Чужая' });
  const a = await classWithStudent(db, one.school.id, year.id, 'А', classTeacher.id);
  const b = await classWithStudent(db, one.school.id, year.id, 'Б', classTeacherB.id);
  const c = await classWithStudent(db, two.school.id, year2.id, 'А', classTeacher2.id);
  const subject = await makeSubject(db, one.school.id, 'Математика');
  await load.createAssignment(db, one.school.id, { staffId: teacher.id, groupId: a.groupId, subjectId: subject.id, periodId: null, hoursPerWeek: 5 });

  const side = (s: typeof one, yearId: string, staffId: string, rest: typeof a): Side => ({
    schoolId: s.school.id, municipalityId: s.municipality.id, regionId: s.region.id, yearId, staffId, ...rest,
  });
  const s1 = one.school.id;
  return {
    sides: {
      own: side(one, year.id, teacher.id, a),
      other: side(one, year.id, classTeacherB.id, b),
      school2: side(two, year2.id, classTeacher2.id, c),
    },
    actors: {
      admin: actor([{ schoolId: s1, role: 'admin', personId: null }]),
      director: actor([{ schoolId: s1, role: 'director', personId: null }]),
      deputy: actor([{ schoolId: s1, role: 'deputy', personId: null }]),
      teacher: actor([{ schoolId: s1, role: 'teacher', personId: teacher.id }]),
      classTeacher: actor([{ schoolId: s1, role: 'teacher', personId: classTeacher.id }]),
      student: actor([{ schoolId: s1, role: 'student', personId: a.studentId }]),
      guardian: actor([{ schoolId: s1, role: 'guardian', personId: a.guardianId }]),
      municipal: actor([], { municipalityIds: [one.municipality.id] }),
      otherAdmin: actor([{ schoolId: two.school.id, role: 'admin', personId: null }]),
      platform: actor([], { platformAdmin: true }),
      none: null,
    },
  };
}

/** A student with no stay yet, to admit in a matrix call. */
export const freshStudent = async (db: Db, schoolId: string) => (await createStudent(db, schoolId, { lastName: `Новенький${newId().slice(-4)}` })).id;
