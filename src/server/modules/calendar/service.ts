import type { Db } from '../../db/client.ts';
import { found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export const yearNotFound = () => notFound('academic_year', 'Учебный год не найден');
export const periodNotFound = () => notFound('period', 'Учебный период не найден');

export const getYear = async (db: Db, schoolId: string, id: string) => found(await q.findYear(db, schoolId, id), yearNotFound);

export const getPeriod = async (db: Db, schoolId: string, id: string) => found(await q.findPeriod(db, schoolId, id), periodNotFound);
