import type { LessonKind, LessonStatus } from '../../../shared/contract/enums.ts';
import type { z } from 'zod';
import type { ZMyLesson, ZTimesheet } from '../../../shared/contract/timetable.ts';
import { minDate } from '../../../shared/domain/calendar.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { type Actor, assertCan } from '../../policy/policy.ts';
import { teacherStaffIds, timesheetStaffId } from '../../policy/timetable.ts';
import { defaultBells } from '../calendar/service.ts';
import { getSchool } from '../organisation/service.ts';
import { staffByIds } from '../people/service.ts';
import { groupsByIds, roomNames, subjectNames } from '../structure/service.ts';
import * as q from './queries.ts';

const hhmm = (time: string) => time.slice(0, 5);

/**
 * «Today's lessons» of the signed-in teacher: his own and those he substitutes, with the group,
 * subject, room, bell times of the year's default schedule, and whether topic and attendance are in.
 * Six queries, whatever the number of lessons.
 */
export async function myLessons(db: Db, actor: Actor | null, schoolId: string, date: string | undefined, now: Date) {
  const staffIds = teacherStaffIds(actor, schoolId);
  const day = date ?? localDate(now, (await getSchool(db, schoolId)).timeZone);
  const rows = await q.lessonsOfStaffOn(db, schoolId, staffIds, day);
  const lessons = rows.map((r) => r.lesson);
  const groups = new Map((await groupsByIds(db, schoolId, lessons.map((l) => l.groupId))).map((g) => [g.id, g]));
  const subjects = await subjectNames(db, schoolId, lessons.map((l) => l.subjectId));
  const rooms = await roomNames(db, schoolId, lessons.flatMap((l) => (l.roomId ? [l.roomId] : [])));
  const bells = await defaultBells(db, schoolId, [...new Set([...groups.values()].map((g) => g.academicYearId))]);
  const bellOf = new Map(bells.map((b) => [`${b.academicYearId}/${b.lessonNumber}`, b]));
  const people = await staffByIds(db, schoolId, lessons.flatMap((l) => (l.substituteStaffId ? [l.staffId, l.substituteStaffId] : [l.staffId])));
  const nameOf = new Map(people.map((p) => [p.id, shortName(p)]));
  const items: z.infer<typeof ZMyLesson>[] = rows.map(({ lesson: l, attendanceFilled, homeworkSet }) => {
    const group = groups.get(l.groupId);
    const bell = group && bellOf.get(`${group.academicYearId}/${l.lessonNumber}`);
    return {
      id: l.id,
      date: l.date,
      lessonNumber: l.lessonNumber,
      status: l.status as LessonStatus,
      kind: l.kind as LessonKind,
      groupId: l.groupId,
      groupName: group?.name ?? '',
      subjectId: l.subjectId,
      subjectName: subjects.get(l.subjectId) ?? '',
      roomId: l.roomId,
      roomName: l.roomId ? rooms.get(l.roomId) ?? null : null,
      startsAt: bell ? hhmm(bell.startsAt) : null,
      endsAt: bell ? hhmm(bell.endsAt) : null,
      substitution: l.substituteStaffId !== null && staffIds.includes(l.substituteStaffId),
      substituteStaffId: l.substituteStaffId,
      teacherName: nameOf.get(l.staffId) ?? '',
      substituteName: l.substituteStaffId ? nameOf.get(l.substituteStaffId) ?? '' : null,
      topic: l.topic,
      topicFilled: l.topic.trim() !== '',
      attendanceFilled: Boolean(attendanceFilled),
      homeworkSet: Boolean(homeworkSet),
      version: l.version,
    };
  });
  return { date: day, items };
}

/**
 * Timesheet (seed 004: a substitution counts for both teachers): per teacher, lessons given as
 * planned, given as a substitute, his lessons another teacher took, and cancelled ones, up to today.
 * The deputy, the director and the administrator read anyone's; a teacher only his own.
 */
export async function timesheet(
  db: Db, actor: Actor | null, schoolId: string, query: { staffId?: string; from: string; to: string }, now: Date,
): Promise<z.infer<typeof ZTimesheet>> {
  assertCan(actor, 'timesheet.read', { schoolId });
  if (query.from > query.to) throw badRequest('validation.failed', 'Неверный период', { to: 'Не раньше даты начала' });
  const staffId = timesheetStaffId(actor, schoolId, query.staffId);
  const to = minDate(query.to, localDate(now, (await getSchool(db, schoolId)).timeZone));
  const counts = query.from <= to ? await q.timesheetCounts(db, schoolId, query.from, to, staffId) : [];
  const names = new Map((await staffByIds(db, schoolId, counts.map((c) => c.staffId))).map((s) => [s.id, s]));
  const items = counts.flatMap((c) => {
    const person = names.get(c.staffId);
    return person ? [{ ...c, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName }] : [];
  }).sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || a.staffId.localeCompare(b.staffId));
  if (staffId && items.length === 0) {
    const [person] = await staffByIds(db, schoolId, [staffId]);
    if (!person) throw badRequest('staff.not_found', 'Сотрудник не найден', { staffId: 'Сотрудник не найден' });
    items.push({ staffId, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName, given: 0, asSubstitute: 0, substituted: 0, cancelled: 0 });
  }
  return { from: query.from, to, items };
}
