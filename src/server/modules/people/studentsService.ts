import type { StudentCreate, StudentQuery, StudentUpdate } from '../../../shared/contract/people.ts';
import { todayUtc } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { conflict, found, referenced } from '../../errors.ts';
import { getYear } from '../calendar/service.ts';
import { lockSchool } from '../organisation/service.ts';
import { classIdsOfGrade, getClass } from '../structure/service.ts';
import * as q from './queries.ts';
import { getStudent } from './service.ts';
import { studentIdsEnrolledOn } from '../../roster/classStays.ts';
import { studentNotFound } from '../../policy/notFound.ts';

/** `only`: the students the caller may see (policy scope); undefined = the whole school. */
export type StudentListFilter = Omit<StudentQuery, 'cursor' | 'limit'> & { only?: string[] };

/** The students on the roster of a class, or of every class of a grade, on a date; undefined = no roster filter. */
async function rosterIds(db: Db, schoolId: string, filter: StudentListFilter): Promise<string[] | undefined> {
  const on = filter.on ?? todayUtc();
  if (filter.classId) {
    await referenced(getClass(db, schoolId, filter.classId), 'classId');
    return studentIdsEnrolledOn(db, schoolId, [filter.classId], on);
  }
  if (filter.grade !== undefined && filter.academicYearId) {
    await referenced(getYear(db, schoolId, filter.academicYearId), 'academicYearId');
    return studentIdsEnrolledOn(db, schoolId, await classIdsOfGrade(db, schoolId, filter.academicYearId, filter.grade), on);
  }
  return undefined;
}

export async function listStudents(db: Db, schoolId: string, filter: StudentListFilter, cursor: string | undefined, limit: number) {
  const roster = await rosterIds(db, schoolId, filter);
  const only = filter.only && new Set(filter.only);
  const ids = only ? (roster ?? [...only]).filter((id) => only.has(id)) : roster;
  if (ids?.length === 0) return [];
  return q.listStudents(db, schoolId, { search: filter.search, ids }, cursor, limit);
}

const snilsTaken = () => conflict('student.snils_taken', 'Обучающийся с таким СНИЛС уже есть в школе', { snils: 'Уже есть у другого обучающегося' });

/** SNILS identifies a person: two records with one SNILS in a school are one child entered twice. */
async function assertSnilsFree(tx: Db, schoolId: string, snils: string | null | undefined, exceptId?: string) {
  if (!snils) return;
  await lockSchool(tx, schoolId);
  if (await q.findStudentBySnils(tx, schoolId, snils, exceptId)) throw snilsTaken();
}

export const createStudent = (db: Db, schoolId: string, input: StudentCreate) =>
  db.transaction(async (tx) => {
    await assertSnilsFree(tx, schoolId, input.snils);
    return q.insertStudent(tx, { schoolId, id: newId(), ...input });
  });

export const updateStudent = (db: Db, schoolId: string, id: string, patch: StudentUpdate) =>
  db.transaction(async (tx) => {
    await assertSnilsFree(tx, schoolId, patch.snils, id);
    return found(await q.updateStudent(tx, schoolId, id, patch), studentNotFound);
  });

/**
 * Only a record entered by mistake: a student with guardian links or any enrolment keeps the
 * personal data and the history (the enrolment's foreign key refuses with conflict.in_use).
 */
export const deleteStudent = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await getStudent(tx, schoolId, id);
    if (await q.hasLinksOfStudent(tx, schoolId, id)) {
      throw conflict('student.has_guardians', 'У обучающегося есть законные представители: сначала удалите эти связи');
    }
    await q.deleteStudent(tx, schoolId, id);
  });
