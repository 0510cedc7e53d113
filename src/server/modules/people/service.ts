import type { Db } from '../../db/client.ts';
import { found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export const staffNotFound = () => notFound('staff', 'Сотрудник не найден');
export const studentNotFound = () => notFound('student', 'Обучающийся не найден');
export const guardianNotFound = () => notFound('guardian', 'Законный представитель не найден');

export const getStaff = async (db: Db, schoolId: string, id: string) => found(await q.findStaff(db, schoolId, id), staffNotFound);

export const getStudent = async (db: Db, schoolId: string, id: string) => found(await q.findStudent(db, schoolId, id), studentNotFound);

export const getGuardian = async (db: Db, schoolId: string, id: string) => found(await q.findGuardian(db, schoolId, id), guardianNotFound);
