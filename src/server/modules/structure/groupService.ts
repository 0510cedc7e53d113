import type { z } from 'zod';
import type {
  GroupMember, ZGroupMemberCreate, ZGroupMemberEnd, ZGroupMemberMove, ZTeachingGroupCreate, ZTeachingGroupUpdate,
} from '../../../shared/contract/structure.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found, notFound, referenced } from '../../errors.ts';
import { groupNotFound } from '../../policy/notFound.ts';
import { classStaysOn, studentIdsEnrolledOn } from '../../roster/classStays.ts';
import { studentOfSchool } from '../../roster/people.ts';
import { lockSchool } from '../organisation/service.ts';
import * as q from './groupQueries.ts';
import { addDays } from '../../../shared/domain/calendar.ts';
import { outsideYear, writableYear } from './rules.ts';
import { getClass } from './service.ts';

const memberNotFound = () => notFound('group_member', 'Запись о членстве в группе не найдена');
const classGroupFixed = () =>
  badRequest('group.class_group', 'Группа всего класса создаётся, меняется и удаляется вместе с классом');

export const getGroup = async (db: Db, schoolId: string, id: string) => found(await q.findGroup(db, schoolId, id), groupNotFound);

export const createGroup = (db: Db, schoolId: string, input: z.infer<typeof ZTeachingGroupCreate>) =>
  db.transaction(async (tx) => {
    await writableYear(tx, schoolId, input.academicYearId);
    if (input.kind === 'subgroup' && !input.classId) {
      throw badRequest('group.class_required', 'Подгруппа делит класс: укажите класс', { classId: 'Обязательное поле' });
    }
    if (input.classId) {
      const cls = await referenced(getClass(tx, schoolId, input.classId), 'classId');
      if (cls.academicYearId !== input.academicYearId) {
        throw badRequest('group.class_other_year', 'Класс относится к другому учебному году', { classId: 'Класс другого учебного года' });
      }
    }
    return q.insertGroup(tx, { id: newId(), schoolId, ...input });
  });

export const updateGroup = (db: Db, schoolId: string, id: string, patch: z.infer<typeof ZTeachingGroupUpdate>) =>
  db.transaction(async (tx) => {
    const group = await getGroup(tx, schoolId, id);
    if (group.kind === 'class') throw classGroupFixed();
    await writableYear(tx, schoolId, group.academicYearId);
    return found(await q.updateGroup(tx, schoolId, id, patch), groupNotFound);
  });

export const deleteGroup = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    const group = await getGroup(tx, schoolId, id);
    if (group.kind === 'class') throw classGroupFixed();
    await writableYear(tx, schoolId, group.academicYearId);
    // Members or assignments still pointing at the group make the delete fail with 409.
    await q.deleteGroup(tx, schoolId, id);
  });

const present = (m: q.MemberRow): GroupMember =>
  ({ memberId: m.id, groupId: m.groupId, studentId: m.studentId, startsOn: m.startsOn, endsOn: m.endsOn });

/** Who is in the group on a date: a class group's members are the class's enrolled students. */
export async function listMembers(db: Db, schoolId: string, groupId: string, on: string): Promise<GroupMember[]> {
  const group = await getGroup(db, schoolId, groupId);
  if (group.kind !== 'class') return (await q.membersOn(db, schoolId, groupId, on)).map(present);
  const stays = await classStaysOn(db, schoolId, [group.classId!], on);
  return stays.map((s) => ({ memberId: null, groupId, studentId: s.studentId, startsOn: s.startsOn, endsOn: s.endsOn }));
}

/** The year the date falls in must be the group's, and still open for writes. */
async function checkDateInYear(db: Db, schoolId: string, group: q.GroupRow, date: string, field: string) {
  const year = await writableYear(db, schoolId, group.academicYearId, field);
  if (date < year.startsOn || date > year.endsOn) throw outsideYear(field);
}

async function checkInClass(db: Db, schoolId: string, group: q.GroupRow, studentId: string, on: string) {
  if (group.kind !== 'subgroup') return;
  const enrolled = await studentIdsEnrolledOn(db, schoolId, [group.classId!], on);
  if (!enrolled.includes(studentId)) {
    throw badRequest('group.student_not_in_class', 'Обучающийся не числится в классе этой подгруппы на эту дату', {
      studentId: 'Не числится в классе на эту дату',
    });
  }
}

async function checkNoOverlap(db: Db, schoolId: string, groupId: string, studentId: string, from: string) {
  if (await q.hasMembershipFrom(db, schoolId, groupId, studentId, from)) {
    throw conflict('group.member_overlap', 'Обучающийся уже состоит в этой группе в эти даты', { studentId: 'Уже в группе' });
  }
}

export const addMember = (db: Db, schoolId: string, groupId: string, input: z.infer<typeof ZGroupMemberCreate>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const group = await getGroup(tx, schoolId, groupId);
    if (group.kind === 'class') {
      throw badRequest('group.class_members', 'Состав класса задаётся зачислением, а не вручную');
    }
    if (!(await studentOfSchool(tx, schoolId, input.studentId))) {
      throw badRequest('student.not_found', 'Обучающийся не найден', { studentId: 'Обучающийся не найден' });
    }
    await checkDateInYear(tx, schoolId, group, input.startsOn, 'startsOn');
    await checkInClass(tx, schoolId, group, input.studentId, input.startsOn);
    await checkNoOverlap(tx, schoolId, groupId, input.studentId, input.startsOn);
    return present(await q.insertMember(tx, { id: newId(), schoolId, groupId, ...input }));
  });

async function openMember(db: Db, schoolId: string, groupId: string, memberId: string) {
  const member = found(await q.findMember(db, schoolId, groupId, memberId), memberNotFound);
  if (member.endsOn !== null) throw conflict('group.member_ended', 'Членство в группе уже завершено');
  return member;
}

export const endMember = (db: Db, schoolId: string, groupId: string, memberId: string, input: z.infer<typeof ZGroupMemberEnd>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const group = await getGroup(tx, schoolId, groupId);
    const member = await openMember(tx, schoolId, groupId, memberId);
    if (input.endsOn < member.startsOn) {
      throw badRequest('group.member_dates', 'Окончание раньше начала', { endsOn: 'Не раньше даты начала' });
    }
    await checkDateInYear(tx, schoolId, group, input.endsOn, 'endsOn');
    return present(await q.endMember(tx, schoolId, memberId, input.endsOn));
  });

/** seed 002: the admin moves a student between subgroups; the history of both stays is kept. */
export const moveMember = (db: Db, schoolId: string, groupId: string, memberId: string, input: z.infer<typeof ZGroupMemberMove>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const from = await getGroup(tx, schoolId, groupId);
    const member = await openMember(tx, schoolId, groupId, memberId);
    if (from.kind !== 'subgroup') throw badRequest('group.not_subgroup', 'Переводить можно только между подгруппами');
    const to = await referenced(getGroup(tx, schoolId, input.toGroupId), 'toGroupId');
    if (to.kind !== 'subgroup' || to.classId !== from.classId || to.id === from.id) {
      throw badRequest('group.move_target', 'Перевод возможен только в другую подгруппу того же класса', {
        toGroupId: 'Другая подгруппа того же класса',
      });
    }
    if (input.on <= member.startsOn) {
      throw badRequest('group.member_dates', 'Дата перевода должна быть позже начала членства', { on: 'Позже даты начала' });
    }
    await checkDateInYear(tx, schoolId, from, input.on, 'on');
    await checkInClass(tx, schoolId, to, member.studentId, input.on);
    await checkNoOverlap(tx, schoolId, to.id, member.studentId, input.on);
    const ended = await q.endMember(tx, schoolId, memberId, addDays(input.on, -1));
    const started = await q.insertMember(tx, { id: newId(), schoolId, groupId: to.id, studentId: member.studentId, startsOn: input.on });
    return { ended: present(ended), started: present(started) };
  });

export { listGroups } from './groupQueries.ts';
