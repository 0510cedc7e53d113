import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { lessons } from '../../src/server/db/schema/timetable.ts';
import { attendance, attendanceTakings, marks, workTypes } from '../../src/server/db/schema/journal.ts';
import { attachments, homework, homeworkStudents } from '../../src/server/db/schema/homework.ts';
import { periodMarks } from '../../src/server/db/schema/grading.ts';
import { groupMembers } from '../../src/server/db/schema/structure.ts';
import { createBellSchedule, createQuartersAndHalves, createYear } from './calendar.ts';
import { createSchool } from './organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from './people.ts';
import * as load from '../../src/server/modules/structure/loadService.ts';
import { admit, makeClass, makeSubgroup, makeSubject } from './structure.ts';

// Journal rows are written straight into the tables: the journal's own modules are written alongside.

type LessonFields = Partial<typeof lessons.$inferInsert> & { schoolId: string; groupId: string; subjectId: string; staffId: string; date: string };

export async function insertLesson(db: Db, fields: LessonFields) {
  return (await db.insert(lessons).values({ id: newId(), lessonNumber: 1, topic: 'Тема урока', ...fields }).returning())[0]!;
}

/** A school's work type by name, created with the weight when it does not exist yet. */
export async function workType(db: Db, schoolId: string, name: string, weight: number, isWritten = false) {
  const found = await db.select().from(workTypes).where(and(eq(workTypes.schoolId, schoolId), eq(workTypes.name, name)));
  if (found[0]) return found[0];
  return (await db.insert(workTypes).values({ id: newId(), schoolId, name, weight, isWritten }).returning())[0]!;
}

export async function insertMark(db: Db, fields: {
  schoolId: string; lessonId: string; studentId: string; workTypeId: string; value: string; weight?: number; comment?: string; createdAt?: Date; deleted?: boolean;
}) {
  return (await db.insert(marks).values({ id: newId(), scale: 'five', weight: 1, ...fields }).returning())[0]!;
}

export async function insertAttendance(db: Db, fields: { schoolId: string; lessonId: string; studentId: string; code: string | null; reason?: string }) {
  return (await db.insert(attendance).values({
    id: newId(), recordedBy: newId(), recordedAt: new Date('2025-09-08T05:00:00Z'), ...fields,
  }).returning())[0]!;
}

/** Attendance taken in a lesson (seed 003, 2.5), by a user at an instant. */
export async function insertTaking(db: Db, fields: { schoolId: string; lessonId: string; takenAt: Date; takenBy?: string }) {
  return (await db.insert(attendanceTakings).values({ takenBy: newId(), ...fields }).returning())[0]!;
}

/** Attendance taken in every lesson of the school not yet taken, at 10:00 school-local time of the lesson's day. */
export const takeAttendanceEverywhere = (db: Db, schoolId: string, timeZone: string) => db.execute(sql`
  insert into attendance_takings (school_id, lesson_id, taken_by, taken_at)
  select school_id, id, ${newId()}::uuid, (date + time '10:00') at time zone ${timeZone} from lessons where school_id = ${schoolId}
  on conflict do nothing`);

export async function insertHomework(db: Db, fields: Partial<typeof homework.$inferInsert> & {
  schoolId: string; lessonId: string; dueDate: string; text: string; studentIds?: string[];
}) {
  const { studentIds, ...row } = fields;
  const [hw] = await db.insert(homework).values({ id: newId(), individual: !!studentIds, ...row }).returning();
  if (studentIds?.length) {
    await db.insert(homeworkStudents).values(studentIds.map((studentId) => ({ schoolId: fields.schoolId, homeworkId: hw!.id, studentId })));
  }
  return hw!;
}

export async function insertAttachment(db: Db, schoolId: string, homeworkId: string, fileName: string, size = 2048) {
  return (await db.insert(attachments).values({
    id: newId(), schoolId, homeworkId, fileName, mimeType: 'application/pdf', size, sha256: 'ab'.repeat(32), storageKey: `test/${newId()}`,
  }).returning())[0]!;
}

export async function insertPeriodMark(db: Db, fields: {
  schoolId: string; groupId: string; subjectId: string; studentId: string; periodId: string | null; academicYearId: string; value: string;
}) {
  return (await db.insert(periodMarks).values({ id: newId(), ...fields }).returning())[0]!;
}

/**
 * A school (time zone Asia/Barnaul, UTC+7) in an open year 2025/26 with quarters and the standard
 * bells (1st lesson 08:30–09:15): 5А with Иванов and Смирнова (each with a guardian; Иванов's
 * mother also has a second child, Иванова, in 5Б), a subgroup «5А англ. 1» holding only Иванов,
 * a teacher of maths for 5А, an English teacher for the subgroup (both assigned) and a substitute.
 */
export async function diaryWorld(db: Db) {
  const { school } = await createSchool(db);
  const { school: other } = await createSchool(db);
  const schoolId = school.id;
  const year = await createYear(db, schoolId, { startYear: 2025, status: 'open' });
  const periods = await createQuartersAndHalves(db, schoolId, year.id);
  await createBellSchedule(db, schoolId, year.id);
  const teacher = await createStaff(db, schoolId, { lastName: 'Математикова', firstName: 'Мария', middleName: 'Ивановна' });
  const english = await createStaff(db, schoolId, { lastName: 'Инглишева', firstName: 'Елена', middleName: 'Петровна' });
  const substitute = await createStaff(db, schoolId, { lastName: 'Заменова', firstName: 'Зоя', middleName: 'Сергеевна' });
  const classTeacher = await createStaff(db, schoolId, { lastName: 'Классная', firstName: 'Анна', middleName: 'Петровна' });
  const classA = await makeClass(db, schoolId, year.id, 5, 'А', { classTeacherId: classTeacher.id });
  const classB = await makeClass(db, schoolId, year.id, 5, 'Б');
  const maths = await makeSubject(db, schoolId, 'Математика');
  const englishSubject = await makeSubject(db, schoolId, 'Английский язык');
  const ivanov = await createStudent(db, schoolId, { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' });
  const smirnova = await createStudent(db, schoolId, { lastName: 'Смирнова', firstName: 'Света', middleName: 'Олеговна', gender: 'female' });
  const sister = await createStudent(db, schoolId, { lastName: 'Иванова', firstName: 'Ирина', middleName: 'Ивановна', gender: 'female' });
  await admit(db, schoolId, ivanov.id, classA.id, '2025-09-01');
  await admit(db, schoolId, smirnova.id, classA.id, '2025-09-01');
  await admit(db, schoolId, sister.id, classB.id, '2025-09-01');
  const mother = await createGuardian(db, schoolId, { lastName: 'Иванова', firstName: 'Ольга' });
  const smirnovaMother = await createGuardian(db, schoolId, { lastName: 'Смирнова', firstName: 'Ника' });
  await linkGuardian(db, schoolId, ivanov.id, mother.id);
  await linkGuardian(db, schoolId, sister.id, mother.id);
  await linkGuardian(db, schoolId, smirnova.id, smirnovaMother.id);
  const subgroup = await makeSubgroup(db, schoolId, year.id, classA.id, '5А англ. 1');
  await db.insert(groupMembers).values({ id: newId(), schoolId, groupId: subgroup.id, studentId: ivanov.id, startsOn: '2025-09-01' });
  const assign = (staffId: string, groupId: string, subjectId: string) =>
    load.createAssignment(db, schoolId, { staffId, groupId, subjectId, periodId: null, hoursPerWeek: 4 });
  await assign(teacher.id, classA.groupId!, maths.id);
  await assign(english.id, subgroup.id, englishSubject.id);
  const answer = await workType(db, schoolId, 'Ответ на уроке', 1);
  const test = await workType(db, schoolId, 'Контрольная работа', 2, true);
  const mathsLesson = (date: string, extra: Partial<LessonFields> = {}) =>
    insertLesson(db, { schoolId, groupId: classA.groupId!, subjectId: maths.id, staffId: teacher.id, date, ...extra });
  const englishLesson = (date: string, extra: Partial<LessonFields> = {}) =>
    insertLesson(db, { schoolId, groupId: subgroup.id, subjectId: englishSubject.id, staffId: english.id, date, lessonNumber: 2, ...extra });
  return {
    schoolId, otherSchoolId: other.id, year, q1: periods[0]!, q2: periods[1]!, classA, classB, subgroup, maths, englishSubject,
    teacher, english, substitute, classTeacher, ivanov, smirnova, sister, mother, smirnovaMother, answer, test,
    mathsLesson, englishLesson,
  };
}
export type DiaryWorld = Awaited<ReturnType<typeof diaryWorld>>;
