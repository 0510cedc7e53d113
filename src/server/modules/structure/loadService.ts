import type { z } from 'zod';
import type {
  ZAssignmentCreate, ZAssignmentUpdate, ZCurriculumCreate, ZCurriculumUpdate,
} from '../../../shared/contract/structure.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, found, notFound, referenced } from '../../errors.ts';
import { getPeriod, getYear } from '../calendar/service.ts';
import { getSubject } from './catalogService.ts';
import { curriculumMismatches } from './curriculumCheck.ts';
import { getGroup } from './groupService.ts';
import * as q from './loadQueries.ts';
import { activeStaff, classDisplayName, schoolKind, writableYear } from './rules.ts';

const assignmentNotFound = () => notFound('assignment', 'Нагрузка не найдена');
const curriculumNotFound = () => notFound('curriculum', 'Строка учебного плана не найдена');

async function liveSubject(db: Db, schoolId: string, subjectId: string) {
  const subject = await referenced(getSubject(db, schoolId, subjectId), 'subjectId');
  if (subject.archived) throw badRequest('subject.archived', 'Предмет в архиве', { subjectId: 'Предмет в архиве' });
  return subject;
}

export const getAssignment = async (db: Db, schoolId: string, id: string) =>
  found(await q.findAssignment(db, schoolId, id), assignmentNotFound);

/** The year of a load is its group's; a period-only load names a period of that year. */
export const createAssignment = (db: Db, schoolId: string, input: z.infer<typeof ZAssignmentCreate>) =>
  db.transaction(async (tx) => {
    const group = await referenced(getGroup(tx, schoolId, input.groupId), 'groupId');
    await writableYear(tx, schoolId, group.academicYearId, 'groupId');
    await liveSubject(tx, schoolId, input.subjectId);
    await activeStaff(tx, schoolId, input.staffId, 'staffId');
    if (input.periodId) {
      const period = await referenced(getPeriod(tx, schoolId, input.periodId), 'periodId');
      if (period.academicYearId !== group.academicYearId) {
        throw badRequest('period.other_year', 'Период другого учебного года', { periodId: 'Период другого учебного года' });
      }
    }
    return q.insertAssignment(tx, { id: newId(), schoolId, academicYearId: group.academicYearId, ...input });
  });

export const updateAssignment = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZAssignmentUpdate>) =>
  db.transaction(async (tx) => {
    const current = await getAssignment(tx, schoolId, id);
    await writableYear(tx, schoolId, current.academicYearId);
    if (patch.staffId) await activeStaff(tx, schoolId, patch.staffId, 'staffId');
    return found(await q.updateAssignment(tx, schoolId, id, patch), assignmentNotFound);
  });

export const deleteAssignment = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    const current = await getAssignment(tx, schoolId, id);
    await writableYear(tx, schoolId, current.academicYearId);
    await q.deleteAssignment(tx, schoolId, id);
  });

export const getCurriculum = async (db: Db, schoolId: string, id: string) =>
  found(await q.findCurriculum(db, schoolId, id), curriculumNotFound);

export const createCurriculum = (db: Db, schoolId: string, input: z.infer<typeof ZCurriculumCreate>) =>
  db.transaction(async (tx) => {
    await writableYear(tx, schoolId, input.academicYearId);
    if (input.grade > 11 && (await schoolKind(tx, schoolId)) === 'general') {
      throw badRequest('curriculum.grade', 'В школе классы с 1 по 11', { grade: 'От 1 до 11' });
    }
    await liveSubject(tx, schoolId, input.subjectId);
    return q.insertCurriculum(tx, { id: newId(), schoolId, ...input });
  });

export const updateCurriculum = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZCurriculumUpdate>) =>
  db.transaction(async (tx) => {
    const current = await getCurriculum(tx, schoolId, id);
    await writableYear(tx, schoolId, current.academicYearId);
    return found(await q.updateCurriculum(tx, schoolId, id, patch), curriculumNotFound);
  });

export const deleteCurriculum = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    const current = await getCurriculum(tx, schoolId, id);
    await writableYear(tx, schoolId, current.academicYearId);
    await q.deleteCurriculum(tx, schoolId, id);
  });

/** Seed 002, 4.4.4: where the assigned weekly hours differ from the curriculum. */
export async function checkCurriculum(db: Db, schoolId: string, academicYearId: string) {
  await referenced(getYear(db, schoolId, academicYearId), 'academicYearId');
  const kind = await schoolKind(db, schoolId);
  const { yearClasses, plan, load } = await q.curriculumCheckData(db, schoolId, academicYearId);
  const named = yearClasses.map((c) => ({ id: c.id, grade: c.grade, name: classDisplayName(kind, c.grade, c.letter) }));
  return curriculumMismatches(named, plan, load);
}

export { listAssignments, listCurriculum } from './loadQueries.ts';
