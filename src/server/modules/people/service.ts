import { guardianNotFound, studentNotFound } from '../../policy/notFound.ts';
import type { Db } from '../../db/client.ts';
import { found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export const staffNotFound = () => notFound('staff', 'Сотрудник не найден');

export const getStaff = async (db: Db, schoolId: string, id: string) => found(await q.findStaff(db, schoolId, id), staffNotFound);

export const getStudent = async (db: Db, schoolId: string, id: string) => found(await q.findStudent(db, schoolId, id), studentNotFound);

export const getGuardian = async (db: Db, schoolId: string, id: string) => found(await q.findGuardian(db, schoolId, id), guardianNotFound);

export { guardiansByIds, staffByIds, studentsByIds } from './lookups.ts';
