import type { Absence, Attendance, AttendanceTaking, Mark, MarkVersion } from '../../../shared/contract/journal.ts';
import type { AttendanceCode, MarkScale } from '../../../shared/contract/enums.ts';
import type { AttendanceRow, AttendanceTakingRow, MarkRow, MarkVersionRow } from './rows.ts';

export const presentMark = (m: MarkRow): Mark => ({
  id: m.id,
  lessonId: m.lessonId,
  studentId: m.studentId,
  workTypeId: m.workTypeId,
  weight: m.weight,
  scale: m.scale as MarkScale,
  value: m.value,
  comment: m.comment,
  deleted: m.deleted,
  version: m.version,
  authorUserId: m.authorUserId,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

export const presentMarkVersion = (v: MarkVersionRow): MarkVersion => ({
  version: v.version,
  workTypeId: v.workTypeId,
  weight: v.weight,
  value: v.value,
  comment: v.comment,
  deleted: v.deleted,
  authorUserId: v.authorUserId,
  reason: v.reason,
  at: v.at.toISOString(),
});

export const presentAttendance = (a: AttendanceRow): Attendance => ({
  id: a.id,
  lessonId: a.lessonId,
  studentId: a.studentId,
  code: a.code as AttendanceCode | null,
  reason: a.reason,
  version: a.version,
  recordedBy: a.recordedBy,
  recordedAt: a.recordedAt.toISOString(),
  confirmedBy: a.confirmedBy,
  confirmedAt: a.confirmedAt?.toISOString() ?? null,
});

export const presentAbsence = (
  a: AttendanceRow & { date: string; lessonNumber: number; groupId: string; subjectId: string }, studentName: string,
): Absence => ({
  ...presentAttendance(a), date: a.date, lessonNumber: a.lessonNumber, groupId: a.groupId, subjectId: a.subjectId, studentName,
});

export const presentTaking = (t: AttendanceTakingRow): AttendanceTaking => ({
  lessonId: t.lessonId, takenBy: t.takenBy, takenAt: t.takenAt.toISOString(),
});
