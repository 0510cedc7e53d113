import { lessonNotFound } from '../../policy/notFound.ts';
import type { Db } from '../../db/client.ts';
import { found } from '../../errors.ts';
import * as q from './queries.ts';

export type { LessonRow } from './queries.ts';


export const getLesson = async (db: Db, schoolId: string, id: string) => found(await q.findLesson(db, schoolId, id), lessonNotFound);
