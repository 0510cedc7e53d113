import type { GuardianRelation } from '../../../shared/contract/enums.ts';
import type { GuardianCreate, GuardianUpdate } from '../../../shared/contract/people.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { conflict, found, notFound, referenced } from '../../errors.ts';
import * as q from './queries.ts';
import { getGuardian, getStudent } from './service.ts';
import { guardianNotFound } from '../../policy/notFound.ts';

const linkNotFound = () => notFound('student_guardian', 'Связь обучающегося с законным представителем не найдена');

export const listGuardians = async (db: Db, schoolId: string, filter: q.GuardianFilter, cursor: string | undefined, limit: number) => {
  if (filter.only?.length === 0) return [];
  if (filter.studentId) await referenced(getStudent(db, schoolId, filter.studentId), 'studentId');
  return q.listGuardians(db, schoolId, filter, cursor, limit);
};

export const createGuardian = (db: Db, schoolId: string, input: GuardianCreate) =>
  db.transaction((tx) => q.insertGuardian(tx, { schoolId, id: newId(), ...input }));

export const updateGuardian = (db: Db, schoolId: string, id: string, patch: GuardianUpdate) =>
  db.transaction(async (tx) => found(await q.updateGuardian(tx, schoolId, id, patch), guardianNotFound));

export const deleteGuardian = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await getGuardian(tx, schoolId, id);
    if (await q.hasLinksOfGuardian(tx, schoolId, id)) {
      throw conflict('guardian.has_students', 'Законный представитель связан с обучающимися: сначала удалите эти связи');
    }
    await q.deleteGuardian(tx, schoolId, id);
  });

// --- links -----------------------------------------------------------------------------------
// A student may have several guardians and a guardian several children (siblings).

/** `only`: the guardians the caller may see (policy scope); undefined = all. */
export async function guardiansOfStudent(db: Db, schoolId: string, studentId: string, only?: string[]) {
  await getStudent(db, schoolId, studentId);
  const rows = await q.guardiansOfStudent(db, schoolId, studentId);
  return only ? rows.filter((g) => only.includes(g.id)) : rows;
}

/** `only`: the students the caller may see (policy scope); undefined = all. */
export async function studentsOfGuardian(db: Db, schoolId: string, guardianId: string, only?: string[]) {
  await getGuardian(db, schoolId, guardianId);
  const rows = await q.studentsOfGuardian(db, schoolId, guardianId);
  return only ? rows.filter((s) => only.includes(s.id)) : rows;
}

/** Creates the link or changes its relation; answers the guardian as linked. */
export const linkGuardian = (db: Db, schoolId: string, studentId: string, guardianId: string, relation: GuardianRelation) =>
  db.transaction(async (tx) => {
    await getStudent(tx, schoolId, studentId);
    const guardian = await getGuardian(tx, schoolId, guardianId);
    const link = await q.upsertLink(tx, { schoolId, studentId, guardianId, relation });
    return { ...guardian, relation: link.relation };
  });

export const unlinkGuardian = (db: Db, schoolId: string, studentId: string, guardianId: string) =>
  db.transaction(async (tx) => {
    await getStudent(tx, schoolId, studentId);
    await getGuardian(tx, schoolId, guardianId);
    if (!(await q.deleteLink(tx, schoolId, studentId, guardianId))) throw linkNotFound();
  });
