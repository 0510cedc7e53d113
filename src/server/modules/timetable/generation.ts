import type { z } from 'zod';
import { isSchoolDay, maxDate, minDate } from '../../../shared/domain/calendar.ts';
import { slotDates } from '../../../shared/domain/timetable.ts';
import type { ZGenerate } from '../../../shared/contract/timetable.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, referenced } from '../../errors.ts';
import { useBulkAudit } from '../audit/queries.ts';
import { getYear, holidaysOfYear, type YearRow } from '../calendar/service.ts';
import { lockSchool } from '../organisation/service.ts';
import { type GroupInfo, groupsByIds, groupsOfYear } from '../structure/service.ts';
import { insertLessons, type LessonInsert } from './queries.ts';
import { type SlotRow, slotsOfGroups } from './slotQueries.ts';

/** Timetables change only in a year being planned or under way. */
export function assertYearWritable(year: YearRow) {
  if (year.status !== 'planning' && year.status !== 'open') {
    throw new AppError('year.closed', 409, 'Учебный год закрыт: расписание и уроки не меняются');
  }
}

/**
 * Writes a lesson for every occurrence of the slots from–to on a school day of the slot's group
 * (the year's week, minus the holidays of the group's grade band). The rows are built in memory
 * from three selects and inserted in batches; an occurrence that already has its lesson (the
 * unique slot + original date) is skipped, so running it again adds nothing and a lesson that was
 * moved, cancelled or written to is never touched. Returns how many lessons were added.
 */
export async function materialise(
  tx: Db, schoolId: string, year: YearRow, groups: GroupInfo[], slots: SlotRow[], from: string, to: string,
): Promise<number> {
  const start = maxDate(from, year.startsOn);
  const end = minDate(to, year.endsOn);
  if (slots.length === 0 || start > end) return 0;
  const holidays = await holidaysOfYear(tx, schoolId, year.id);
  const gradeOf = new Map(groups.map((g) => [g.id, g.grade ?? undefined]));
  const rows: LessonInsert[] = [];
  for (const slot of slots) {
    if (!gradeOf.has(slot.groupId)) continue;
    const options = { weekDays: year.weekDays, holidays, grade: gradeOf.get(slot.groupId) };
    const slotLike = { ...slot, weekParity: slot.weekParity as 'odd' | 'even' | null };
    for (const date of slotDates(slotLike, start, end, (d) => isSchoolDay(d, options))) {
      rows.push({
        schoolId, id: newId(), groupId: slot.groupId, subjectId: slot.subjectId, staffId: slot.staffId, roomId: slot.roomId, slotId: slot.id,
        date, lessonNumber: slot.lessonNumber, originalDate: date, originalLessonNumber: slot.lessonNumber,
      });
    }
  }
  return insertLessons(tx, rows);
}

/** POST …/lessons/generate: the lessons of a year's timetable (or some of its groups) for a date range. */
export const generateLessons = (db: Db, schoolId: string, input: z.infer<typeof ZGenerate>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const year = await referenced(getYear(tx, schoolId, input.academicYearId), 'academicYearId');
    assertYearWritable(year);
    const from = input.from ?? year.startsOn;
    const to = input.to ?? year.endsOn;
    const fields: Record<string, string> = {};
    if (from < year.startsOn || from > year.endsOn) fields.from = 'Внутри учебного года';
    if (to < year.startsOn || to > year.endsOn) fields.to = 'Внутри учебного года';
    if (from > to) fields.to ??= 'Не раньше даты начала';
    if (Object.keys(fields).length > 0) throw badRequest('validation.failed', 'Неверный период', fields);
    const groups = input.groupIds
      ? (await groupsByIds(tx, schoolId, input.groupIds)).filter((g) => g.academicYearId === year.id)
      : await groupsOfYear(tx, schoolId, year.id);
    if (input.groupIds && groups.length !== new Set(input.groupIds).size) {
      throw badRequest('teaching_group.not_found', 'Группа не найдена', { groupIds: 'Группы нет в этом учебном году' });
    }
    const slots = await slotsOfGroups(tx, schoolId, groups.map((g) => g.id), from, to);
    // Generated rows: one audit entry per statement, not one per lesson (the slots themselves are audited row by row).
    await useBulkAudit(tx);
    const inserted = await materialise(tx, schoolId, year, groups, slots, from, to);
    return { from, to, slots: slots.length, inserted };
  });
