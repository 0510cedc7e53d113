import type { z } from 'zod';
import type { ZClassCreate, ZClassUpdate } from '../../../shared/contract/structure.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found } from '../../errors.ts';
import * as groups from './groupQueries.ts';
import * as q from './queries.ts';
import { activeStaff, classDisplayName, schoolKind, writableYear } from './rules.ts';
import { classHasStays } from '../../roster/classStays.ts';
import { classNotFound } from '../../policy/notFound.ts';

// A general school's class letter: «А», or two letters in the rare large parallel.
const GENERAL_LETTER = /^[А-ЯЁ]{1,2}$/;

function checkGradeAndLetter(kind: SchoolKind, grade: number, letter: string) {
  const fields: Record<string, string> = {};
  if (kind === 'general' && grade > 11) fields.grade = 'От 1 до 11';
  if (kind === 'general' && !GENERAL_LETTER.test(letter)) fields.letter = 'Заглавная русская буква (А–Я)';
  if (Object.keys(fields).length > 0) throw badRequest('class.invalid', 'Неверный класс', fields);
}

async function checkStaff(db: Db, schoolId: string, input: { classTeacherId?: string | null; masterId?: string | null }) {
  if (input.classTeacherId) await activeStaff(db, schoolId, input.classTeacherId, 'classTeacherId');
  if (input.masterId) await activeStaff(db, schoolId, input.masterId, 'masterId');
}

export async function getClassWithGroup(db: Db, schoolId: string, id: string) {
  return found(await q.findClassWithGroup(db, schoolId, id), classNotFound);
}

/** seed 000: the admin opens the year with its classes; each class comes with its whole-class group. */
export const createClass = (db: Db, schoolId: string, input: z.infer<typeof ZClassCreate>) =>
  db.transaction(async (tx) => {
    const kind = await schoolKind(tx, schoolId);
    await writableYear(tx, schoolId, input.academicYearId);
    checkGradeAndLetter(kind, input.grade, input.letter);
    await checkStaff(tx, schoolId, input);
    const row = await q.insertClass(tx, { id: newId(), schoolId, ...input });
    const groupId = newId();
    await groups.insertGroups(tx, [{
      id: groupId, schoolId, academicYearId: row.academicYearId, name: classDisplayName(kind, row.grade, row.letter), kind: 'class', classId: row.id,
    }]);
    return { row: { ...row, groupId }, kind };
  });

export const updateClass = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZClassUpdate>) =>
  db.transaction(async (tx) => {
    const kind = await schoolKind(tx, schoolId);
    const current = found(await q.findClass(tx, schoolId, id), classNotFound);
    await writableYear(tx, schoolId, current.academicYearId);
    checkGradeAndLetter(kind, patch.grade ?? current.grade, patch.letter ?? current.letter);
    await checkStaff(tx, schoolId, patch);
    const row = found(await q.updateClass(tx, schoolId, id, patch), classNotFound);
    const name = classDisplayName(kind, row.grade, row.letter);
    if (name !== classDisplayName(kind, current.grade, current.letter)) await groups.renameClassGroup(tx, schoolId, id, name);
    return { row: found(await q.findClassWithGroup(tx, schoolId, id), classNotFound), kind };
  });

export const deleteClass = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    const current = found(await q.findClass(tx, schoolId, id), classNotFound);
    await writableYear(tx, schoolId, current.academicYearId);
    if (await classHasStays(tx, schoolId, id)) {
      throw conflict('class.has_enrolments', 'В классе есть история зачислений, удалить его нельзя');
    }
    // Subgroups and assignments still pointing at the class or its group make the deletes fail with 409.
    await groups.deleteClassGroup(tx, schoolId, id);
    await q.deleteClass(tx, schoolId, id);
  });

export async function listClasses(
  db: Db, schoolId: string, filter: Parameters<typeof q.listClasses>[2], cursor: string | undefined, limit: number,
) {
  const kind = await schoolKind(db, schoolId);
  return { kind, rows: await q.listClasses(db, schoolId, filter, cursor, limit) };
}
