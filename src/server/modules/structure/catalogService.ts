import type { z } from 'zod';
import type { SubjectKind } from '../../../shared/contract/enums.ts';
import type { ZRoomCreate, ZRoomUpdate, ZSubjectCreate, ZSubjectUpdate } from '../../../shared/contract/structure.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found, notFound } from '../../errors.ts';
import * as q from './catalogQueries.ts';
import { schoolKind } from './rules.ts';

export const subjectNotFound = () => notFound('subject', 'Предмет не найден');
export const roomNotFound = () => notFound('room', 'Кабинет не найден');

export const getSubject = async (db: Db, schoolId: string, id: string) => found(await q.findSubject(db, schoolId, id), subjectNotFound);

/**
 * Seed 001: a college teaches disciplines, professional modules (ПМ) and their interdisciplinary
 * courses (МДК); an МДК belongs to a module, nothing else has a parent.
 */
async function checkSubject(db: Db, schoolId: string, id: string | null, s: { kind: SubjectKind; parentId: string | null }) {
  if (s.kind !== 'subject' && (await schoolKind(db, schoolId)) !== 'college') {
    throw badRequest('subject.college_only', 'Дисциплины, модули и МДК бывают только в колледже', { kind: 'Только для колледжа' });
  }
  if (s.kind !== 'interdisciplinaryCourse') {
    if (s.parentId !== null) throw badRequest('subject.parent', 'Родитель бывает только у МДК', { parentId: 'Только у МДК' });
  } else {
    if (s.parentId === null) throw badRequest('subject.parent', 'МДК входит в профессиональный модуль', { parentId: 'Обязательное поле' });
    const parent = await q.findSubject(db, schoolId, s.parentId);
    if (!parent) throw badRequest('subject.not_found', 'Модуль не найден', { parentId: 'Не найдено в этой школе' });
    if (parent.kind !== 'module') throw badRequest('subject.parent', 'МДК входит в профессиональный модуль', { parentId: 'Должен быть модулем (ПМ)' });
  }
  if (id !== null && s.kind !== 'module' && (await q.hasChildSubjects(db, schoolId, id))) {
    throw conflict('subject.has_children', 'В модуль входят МДК: сменить его вид нельзя', { kind: 'В модуль входят МДК' });
  }
}

export const createSubject = (db: Db, schoolId: string, input: z.infer<typeof ZSubjectCreate>) =>
  db.transaction(async (tx) => {
    await checkSubject(tx, schoolId, null, input);
    return q.insertSubject(tx, { id: newId(), schoolId, ...input });
  });

export const updateSubject = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZSubjectUpdate>) =>
  db.transaction(async (tx) => {
    const current = await getSubject(tx, schoolId, id);
    await checkSubject(tx, schoolId, id, {
      kind: patch.kind ?? (current.kind as SubjectKind),
      parentId: patch.parentId !== undefined ? patch.parentId : current.parentId,
    });
    return found(await q.updateSubject(tx, schoolId, id, patch), subjectNotFound);
  });

/** A subject in a load, a curriculum or a module's МДК stays: the foreign keys answer 409. */
export const deleteSubject = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    if (!(await q.deleteSubject(tx, schoolId, id))) throw subjectNotFound();
  });

export const getRoom = async (db: Db, schoolId: string, id: string) => found(await q.findRoom(db, schoolId, id), roomNotFound);

export const createRoom = (db: Db, schoolId: string, input: z.infer<typeof ZRoomCreate>) =>
  db.transaction((tx) => q.insertRoom(tx, { id: newId(), schoolId, ...input }));

export const updateRoom = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZRoomUpdate>) =>
  db.transaction(async (tx) => found(await q.updateRoom(tx, schoolId, id, patch), roomNotFound));

export const deleteRoom = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    if (!(await q.deleteRoom(tx, schoolId, id))) throw roomNotFound();
  });

export { listRooms, listSubjects } from './catalogQueries.ts';
