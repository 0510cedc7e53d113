import type { Db } from '../../db/client.ts';
import { found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export type { LessonRow } from './queries.ts';

export const lessonNotFound = () => notFound('lesson', 'Урок не найден');

export const getLesson = async (db: Db, schoolId: string, id: string) => found(await q.findLesson(db, schoolId, id), lessonNotFound);
