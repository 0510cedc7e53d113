import { guardianNotFound, studentNotFound } from '../../policy/notFound.ts';
import type { Db } from '../../db/client.ts';
import { AppError, badRequest, found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export const staffNotFound = () => notFound('staff', 'Сотрудник не найден');

export const getStaff = async (db: Db, schoolId: string, id: string) => found(await q.findStaff(db, schoolId, id), staffNotFound);

export const getStudent = async (db: Db, schoolId: string, id: string) => found(await q.findStudent(db, schoolId, id), studentNotFound);

export const getGuardian = async (db: Db, schoolId: string, id: string) => found(await q.findGuardian(db, schoolId, id), guardianNotFound);

/** A lookup of an id sent as a filter or in a body: unknown (or another school's) is a 400 on that field, not a 404. */
export async function referenced<T>(lookup: Promise<T>, field: string): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw badRequest(error.code, error.message, { [field]: error.message });
    throw error;
  }
}

export { guardiansByIds, staffByIds, studentsByIds } from './lookups.ts';
