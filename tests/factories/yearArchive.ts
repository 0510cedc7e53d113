import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { academicYears } from '../../src/server/db/schema/calendar.ts';
import { students } from '../../src/server/db/schema/people.ts';
import * as load from '../../src/server/modules/structure/loadService.ts';
import { insertLesson, insertMark, insertPeriodMark, workType } from './diary.ts';
import { createSchool } from './organisation.ts';
import { createStaff, createStudent } from './people.ts';
import { admit, insertPeriod, insertYear, makeClass, makeSubject } from './structure.ts';

/**
 * A school whose current academic year (the one holding today: the audit log is written with the
 * real clock, and the archive takes the year's entries by their time) is closed: 5А with two
 * students, maths lessons with marks and attendance-free pages, a year mark; 5Б without lessons.
 * One edit carries a reason and values that test the hash's text (quotes, a backslash, a newline).
 */
export async function closedYearWorld(db: Db) {
  const now = new Date();
  const y = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const { school } = await createSchool(db);
  const s = school.id;
  const year = await insertYear(db, s, { startYear: y, status: 'open' });
  const half = await insertPeriod(db, s, year.id, `${y}-09-01`, `${y}-12-28`, 'I полугодие');
  const teacher = await createStaff(db, s, { lastName: 'Математикова', firstName: 'Мария', middleName: 'Ивановна' });
  await createStaff(db, s, { lastName: 'Директорова', firstName: 'Дина', middleName: 'Петровна', position: 'director' });
  const classA = await makeClass(db, s, year.id, 5, 'А', { classTeacherId: teacher.id });
  await makeClass(db, s, year.id, 5, 'Б');
  const maths = await makeSubject(db, s, 'Математика');
  const ivanov = await createStudent(db, s, { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' });
  const smirnova = await createStudent(db, s, { lastName: 'Смирнова', firstName: 'Света', middleName: 'Олеговна', gender: 'female' });
  await admit(db, s, ivanov.id, classA.id, `${y}-09-01`);
  await admit(db, s, smirnova.id, classA.id, `${y}-09-01`);
  await load.createAssignment(db, s, { staffId: teacher.id, groupId: classA.groupId!, subjectId: maths.id, periodId: null, hoursPerWeek: 4 });
  const answer = await workType(db, s, 'Ответ на уроке', 1);
  for (const [date, value] of [[`${y}-09-08`, '5'], [`${y}-09-09`, '4']] as const) {
    const lesson = await insertLesson(db, { schoolId: s, groupId: classA.groupId!, subjectId: maths.id, staffId: teacher.id, date, topic: `Дроби, ${date}` });
    await insertMark(db, { schoolId: s, lessonId: lesson.id, studentId: ivanov.id, workTypeId: answer.id, value });
  }
  await insertPeriodMark(db, { schoolId: s, groupId: classA.groupId!, subjectId: maths.id, studentId: ivanov.id, periodId: half.id, academicYearId: year.id, value: '5' });
  await insertPeriodMark(db, { schoolId: s, groupId: classA.groupId!, subjectId: maths.id, studentId: ivanov.id, periodId: null, academicYearId: year.id, value: '5' });
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('klassny.reason', ${'исправление по заявлению «мамы» \\ "срочно"\nстрока 2\tтаб'}, true),
      set_config('klassny.address', '10.0.0.7', true)`);
    await tx.update(students).set({ middleName: 'Олеговна "Света" \\ 😀' }).where(eq(students.id, smirnova.id));
  });
  await db.update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, year.id));
  const { school: other } = await createSchool(db);
  const openYear = await insertYear(db, other.id, { startYear: y, status: 'open' });
  const ownOpenYear = await insertYear(db, s, { startYear: y + 1, status: 'planning' });
  return { schoolId: s, school, year, classA, maths, ivanov, smirnova, otherSchoolId: other.id, otherOpenYear: openYear, planningYear: ownOpenYear };
}
