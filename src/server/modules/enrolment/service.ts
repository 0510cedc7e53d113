import type { Db } from '../../db/client.ts';
import * as q from './queries.ts';

/** Ids of the students in these classes on a date: the roster other modules filter by. */
export const studentIdsEnrolled = (db: Db, schoolId: string, classIds: string[], on: string) =>
  q.studentIdsEnrolled(db, schoolId, classIds, on);
