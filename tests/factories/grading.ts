import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { lessons } from '../../src/server/db/schema/timetable.ts';
import { attendance, marks, workTypes } from '../../src/server/db/schema/journal.ts';
import { gradingPolicies, periodClosures, periodMarks, periodReopenings } from '../../src/server/db/schema/grading.ts';
import * as load from '../../src/server/modules/structure/loadService.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import { schoolActor } from '../support/testApp.ts';
import { createQuartersAndHalves, createYear } from './calendar.ts';
import { createSchool } from './organisation.ts';
import { createStaff, createStudent } from './people.ts';
import { admit, makeClass, makeSubject } from './structure.ts';

/**
 * A general school in the open year 2025/2026 with quarters for grades 1–9: class 5А with three
 * students, a mathematics teacher and a Russian teacher of its whole-class group, the class
 * teacher (who teaches nothing), and work types «Ответ на уроке» (1) and «Контрольная работа» (2).
 */
export async function buildGradingWorld(db: Db) {
  const { school } = await createSchool(db);
  const schoolId = school.id;
  const year = await createYear(db, schoolId, { startYear: 2025, status: 'open' });
  const periods = await createQuartersAndHalves(db, schoolId, year.id, 2025);
  const [q1, q2, q3, q4] = periods;
  const classTeacher = await createStaff(db, schoolId, { lastName: 'Классная' });
  const cls = await makeClass(db, schoolId, year.id, 5, 'А', { classTeacherId: classTeacher.id });
  const students = [];
  for (const lastName of ['Андреев', 'Борисова', 'Васильев']) {
    const student = await createStudent(db, schoolId, { lastName });
    await admit(db, schoolId, student.id, cls.id, '2025-09-01');
    students.push(student);
  }
  const math = await makeSubject(db, schoolId, 'Математика');
  const russian = await makeSubject(db, schoolId, 'Русский язык');
  const mathTeacher = await createStaff(db, schoolId, { lastName: 'Математикова' });
  const russianTeacher = await createStaff(db, schoolId, { lastName: 'Словесникова' });
  await load.createAssignment(db, schoolId, { staffId: mathTeacher.id, groupId: cls.groupId, subjectId: math.id, periodId: null, hoursPerWeek: 5 });
  await load.createAssignment(db, schoolId, { staffId: russianTeacher.id, groupId: cls.groupId, subjectId: russian.id, periodId: null, hoursPerWeek: 4 });
  const [oral, test] = await db.insert(workTypes).values([
    { schoolId, id: newId(), name: 'Ответ на уроке', weight: 1 },
    { schoolId, id: newId(), name: 'Контрольная работа', weight: 2, isControl: true, isWritten: true },
  ]).returning();
  return {
    schoolId, year, q1: q1!, q2: q2!, q3: q3!, q4: q4!, half1: periods[4]!, groupId: cls.groupId, classId: cls.id,
    students, math, russian, oral: oral!, test: test!,
    actors: {
      admin: schoolActor(schoolId, 'admin'),
      director: schoolActor(schoolId, 'director'),
      deputy: schoolActor(schoolId, 'deputy'),
      math: schoolActor(schoolId, 'teacher', mathTeacher.id),
      russian: schoolActor(schoolId, 'teacher', russianTeacher.id),
      classTeacher: schoolActor(schoolId, 'teacher', classTeacher.id),
      student: schoolActor(schoolId, 'student', students[0]!.id),
    } satisfies Record<string, Actor>,
  };
}
export type GradingWorld = Awaited<ReturnType<typeof buildGradingWorld>>;

let lessonNumber = 0;

/** A lesson of the group's subject on a date, inserted straight into the journal's table. */
export async function insertLesson(db: Db, w: GradingWorld, subjectId: string, date: string, status: 'scheduled' | 'cancelled' = 'scheduled') {
  const [row] = await db.insert(lessons).values({
    schoolId: w.schoolId, id: newId(), groupId: w.groupId, subjectId, staffId: staffOf(w, subjectId),
    date, lessonNumber: (lessonNumber++ % 7) + 1, status,
  }).returning();
  return row!;
}

function staffOf(w: GradingWorld, subjectId: string) {
  const person = subjectId === w.math.id ? w.actors.math : w.actors.russian;
  return person.roles[0]!.personId!;
}

/** Marks of one student in a lesson: `[value, workType]` pairs, the weight taken from the work type. */
export async function insertMarks(db: Db, w: GradingWorld, lessonId: string, studentId: string, values: [string, 'oral' | 'test'][], deleted = false) {
  if (values.length === 0) return;
  await db.insert(marks).values(values.map(([value, kind]) => ({
    schoolId: w.schoolId, id: newId(), lessonId, studentId, workTypeId: w[kind].id, weight: w[kind].weight, scale: 'five', value, deleted,
  })));
}

export async function insertAbsence(db: Db, w: GradingWorld, lessonId: string, studentId: string, code = 'absent') {
  await db.insert(attendance).values({
    schoolId: w.schoolId, id: newId(), lessonId, studentId, code, recordedBy: w.actors.math.userId, recordedAt: new Date('2025-09-10T08:00:00Z'),
  });
}

const tables = { gradingPolicies, periodMarks, periodClosures, periodReopenings };

/** How many rows of a grading table the school has: refused writes must leave it unchanged. */
export async function gradingCount(db: Db, table: keyof typeof tables, schoolId: string) {
  const t = tables[table];
  return (await db.select({ n: count() }).from(t).where(eq(t.schoolId, schoolId)))[0]!.n;
}

export const periodMarkRows = (db: Db, schoolId: string, studentId?: string) =>
  db.select().from(periodMarks).where(and(eq(periodMarks.schoolId, schoolId), studentId ? eq(periodMarks.studentId, studentId) : undefined));
