import type { z } from 'zod';
import type { ZWorkTypeCreate, ZWorkTypeUpdate } from '../../../shared/contract/journal.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { conflict, found, notFound } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import * as q from './workTypeQueries.ts';

export const workTypeNotFound = () => notFound('work_type', 'Вид работы не найден');

/** The usual work types and weights a school starts with; the admin changes them as the school decides. */
export const DEFAULT_WORK_TYPES = [
  { name: 'Ответ на уроке', weight: 1, isControl: false, isWritten: false },
  { name: 'Самостоятельная работа', weight: 1.5, isControl: false, isWritten: true },
  { name: 'Контрольная работа', weight: 2, isControl: true, isWritten: true },
  { name: 'Проверочная работа', weight: 1.5, isControl: false, isWritten: true },
  { name: 'Домашняя работа', weight: 1, isControl: false, isWritten: false },
  { name: 'Диктант', weight: 2, isControl: true, isWritten: true },
  { name: 'Лабораторная работа', weight: 1.5, isControl: false, isWritten: false },
  { name: 'Зачёт', weight: 2, isControl: true, isWritten: false },
] as const;

/** Inside a transaction that holds the school's lock: the defaults, if the school has no work type at all. */
async function seedDefaults(tx: Db, schoolId: string) {
  if (await q.hasWorkTypes(tx, schoolId)) return;
  await q.insertMissingWorkTypes(tx, DEFAULT_WORK_TYPES.map((w) => ({ id: newId(), schoolId, archived: false, ...w })));
}

/**
 * Gives a school without work types the usual ones, in one transaction; a school that has any
 * keeps what it has. Safe to call any number of times, also concurrently (the school row is locked).
 */
export async function ensureDefaultWorkTypes(db: Db, schoolId: string): Promise<void> {
  if (await q.hasWorkTypes(db, schoolId)) return;
  await db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    await seedDefaults(tx, schoolId);
  });
}

/** The list first: only a school whose list comes back empty pays for the check and the seeding. */
export async function listWorkTypes(db: Db, schoolId: string, archived?: boolean) {
  const rows = await q.listWorkTypes(db, schoolId, archived);
  if (rows.length > 0) return rows;
  await ensureDefaultWorkTypes(db, schoolId);
  return q.listWorkTypes(db, schoolId, archived);
}

export const getWorkType = async (db: Db, schoolId: string, id: string) => found(await q.findWorkType(db, schoolId, id), workTypeNotFound);

/** A school's work types by id, for the journal's own checks and pages. */
export const workTypesByIds = (db: Db, schoolId: string, ids: string[]) => q.findWorkTypes(db, schoolId, ids);

export const createWorkType = (db: Db, schoolId: string, input: z.infer<typeof ZWorkTypeCreate>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    // The school's own first type comes after the usual ones, not instead of them.
    await seedDefaults(tx, schoolId);
    return q.insertWorkType(tx, { id: newId(), schoolId, ...input });
  });

/** A new weight applies to marks given from now on; every mark keeps the weight it was given with. */
export const updateWorkType = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZWorkTypeUpdate>) =>
  db.transaction(async (tx) => found(await q.updateWorkType(tx, schoolId, id, patch), workTypeNotFound));

/** A work type with marks or named by a lesson stays (409): archive it instead. */
export const deleteWorkType = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    if (await q.isWorkTypeInLessons(tx, schoolId, id)) {
      throw conflict('conflict.in_use', 'Вид работы указан в уроках: его можно только отправить в архив');
    }
    if (!(await q.deleteWorkType(tx, schoolId, id))) throw workTypeNotFound();
  });
