import type { z } from 'zod';
import type { ZAbsenceConfirm, ZAttendancePut } from '../../../shared/contract/journal.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest } from '../../errors.ts';
import { studentsByIds } from '../people/service.ts';
import { getClass } from '../structure/service.ts';
import { assertStudentSits, writableLesson } from './writeTarget.ts';
import * as q from './attendanceQueries.ts';
import type { Writer } from './markService.ts';
import { presentAbsence, presentAttendance } from './presenters.ts';
import type { AttendanceRow } from './rows.ts';
import { classStaysBetween } from '../../roster/classStays.ts';

const stale = (current: AttendanceRow | undefined) => new AppError(
  'attendance.stale', 409, 'Посещаемость уже изменили: обновите журнал и повторите', undefined, current ? presentAttendance(current) : null,
);

/**
 * Sets one cell: absent, ill, excused or late, with a reason; null withdraws the absence and keeps
 * the row (its history is in the audit log). A cell that exists needs the version the client saw.
 */
export async function putAttendance(db: Db, w: Writer, schoolId: string, lessonId: string, studentId: string, input: z.infer<typeof ZAttendancePut>) {
  const target = await writableLesson(db, w.actor, 'attendance.write', schoolId, lessonId, w.now, { studentId });
  return db.transaction(async (tx) => {
    const existing = await q.findAttendance(tx, schoolId, lessonId, studentId);
    const recorded = { recordedBy: w.actor!.userId, recordedAt: w.now };
    // Any entry, even a withdrawal, means the teacher took the lesson's attendance (seed 003, 2.5).
    await q.recordTaking(tx, schoolId, lessonId, w.actor!.userId, w.now);
    if (!existing) {
      if (input.version !== undefined) throw stale(undefined);
      if (input.code === null) throw badRequest('attendance.nothing_to_withdraw', 'Отсутствие не отмечено: снимать нечего', { code: 'Нет отметки' });
      assertStudentSits(target.studentSits);
      return q.insertAttendance(tx, { id: newId(), schoolId, lessonId, studentId, code: input.code, reason: input.reason ?? '', version: 1, ...recorded });
    }
    if (input.version !== existing.version) throw stale(existing);
    const reason = input.reason ?? existing.reason;
    if (input.code === existing.code && reason === existing.reason) return existing;
    const updated = await q.updateAttendanceAtVersion(tx, schoolId, existing.id, existing.version, { code: input.code, reason, ...recorded });
    if (!updated) throw stale(await q.findAttendance(tx, schoolId, lessonId, studentId));
    return updated;
  });
}

/**
 * «Все присутствуют» (seed 003, 2.5): the teacher took the lesson's attendance and nobody else is
 * absent; refused as any attendance write (lesson not begun, cancelled, period closed, not his).
 * Marked absences stay as they are. Taking it again keeps the first taking.
 */
export async function takeAttendance(db: Db, w: Writer, schoolId: string, lessonId: string) {
  await writableLesson(db, w.actor, 'attendance.write', schoolId, lessonId, w.now);
  return db.transaction((tx) => q.recordTaking(tx, schoolId, lessonId, w.actor!.userId, w.now));
}

export const lessonAttendance = (db: Db, schoolId: string, lessonId: string) => q.attendanceOfLesson(db, schoolId, lessonId);

/** Absences of a class's students while they were in the class, from–to, with their names. */
async function classAbsences(db: Db, schoolId: string, classId: string, from: string, to: string, only?: q.AbsenceRow[]) {
  const stays = await classStaysBetween(db, schoolId, classId, from, to);
  const inClass = (a: q.AbsenceRow) => stays.some((s) => s.studentId === a.studentId && s.startsOn <= a.date && (s.endsOn === null || a.date <= s.endsOn));
  const rows = (only ?? await q.absencesOf(db, schoolId, [...new Set(stays.map((s) => s.studentId))], from, to)).filter(inClass);
  const names = new Map((await studentsByIds(db, schoolId, [...new Set(rows.map((r) => r.studentId))])).map((s) => [s.id, fullName(s)]));
  return rows.map((r) => ({ row: r, name: names.get(r.studentId) ?? '' }));
}

const presentAll = (list: { row: q.AbsenceRow; name: string }[]) =>
  list.map(({ row, name }) => presentAbsence(row, name))
    .sort((a, b) => a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber || a.studentName.localeCompare(b.studentName, 'ru'));

/** Seed 002, 4.3.8: the week's absences of the class in every subject, for the class teacher's check. */
export async function listClassAbsences(db: Db, schoolId: string, classId: string, from: string, to: string) {
  await getClass(db, schoolId, classId);
  if (from > to) throw badRequest('absence.bad_range', 'Начало периода позже его конца', { from: 'Позже конца периода' });
  return presentAll(await classAbsences(db, schoolId, classId, from, to));
}

const notOfClass = (ids: string[]) => badRequest('absence.not_in_class', 'Пропуск не найден среди пропусков класса', {
  ids: `Не найдено среди пропусков класса: ${ids.join(', ')}`,
});

/** The class teacher confirms the reasons (correcting some), in one statement; each confirmed cell gets a new version. */
export const confirmClassAbsences = (db: Db, w: Writer, schoolId: string, classId: string, input: z.infer<typeof ZAbsenceConfirm>) =>
  db.transaction(async (tx) => {
    await getClass(tx, schoolId, classId);
    const ids = [...new Set(input.ids)];
    const reasons = input.reasons ?? {};
    const strays = Object.keys(reasons).filter((id) => !ids.includes(id));
    if (strays.length > 0) throw badRequest('absence.reason_without_id', 'Причина указана для невыбранного пропуска', { reasons: 'Только для выбранных пропусков' });
    const found = await q.absencesByIds(tx, schoolId, ids);
    const dates = found.map((a) => a.date).sort();
    const ofClass = found.length === 0 ? [] : await classAbsences(tx, schoolId, classId, dates[0]!, dates[dates.length - 1]!, found);
    const missing = ids.filter((id) => !ofClass.some((a) => a.row.id === id));
    if (missing.length > 0) throw notOfClass(missing);
    const updated = new Map((await q.confirmAbsences(tx, schoolId, ids, reasons, w.actor!.userId, w.now)).map((r) => [r.id, r]));
    return presentAll(ofClass.map(({ row, name }) => ({ row: { ...row, ...updated.get(row.id)! }, name })));
  });
