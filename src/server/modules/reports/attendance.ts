import type { AttendanceReport, AttendanceReportQuery } from '../../../shared/contract/reports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { attendanceTotals, type DueLesson, sumAttendance } from '../../../shared/domain/attendance.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { referenced } from '../../errors.ts';
import { classStaysBetween } from '../../roster/classStays.ts';
import { groupStaysOfStudents } from '../../roster/groupStays.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass } from '../structure/service.ts';
import { lessonsWithAbsences } from './queries.ts';

type Stay = { startsOn: string; endsOn: string | null };
const covers = (stay: Stay, date: string) => stay.startsOn <= date && (stay.endsOn === null || stay.endsOn >= date);

/**
 * Attendance of a class's students from–to (seed 001 §7, 002 §7): per student the lessons he was due
 * at while in the class — those of his groups on the days he sat in them — missed by reason (н, б, у),
 * late (оп) and the full days missed (shared/domain/attendance.ts). A fixed number of statements.
 */
export async function attendanceReport(db: Db, now: Date, schoolId: string, query: AttendanceReportQuery): Promise<AttendanceReport> {
  const klass = await referenced(getClass(db, schoolId, query.classId), 'classId');
  const { from, to } = query;
  const school = await getSchool(db, schoolId);
  const stays = await classStaysBetween(db, schoolId, klass.id, from, to);
  const studentIds = [...new Set(stays.map((s) => s.studentId))];
  const [rows, groupStays] = await Promise.all([
    studentsByIds(db, schoolId, studentIds),
    groupStaysOfStudents(db, schoolId, studentIds, { from, to }),
  ]);
  const lessons = await lessonsWithAbsences(db, { schoolId, groupIds: [...new Set(groupStays.map((g) => g.groupId))], studentIds, from, to });

  const codes = new Map<string, string>();
  const held = new Map<string, { groupId: string; date: string }>();
  for (const l of lessons) {
    held.set(l.lesson_id, { groupId: l.group_id, date: l.date });
    if (l.student_id !== null && l.code !== null) codes.set(`${l.lesson_id}|${l.student_id}`, l.code);
  }
  const today = localDate(now, school.timeZone);
  const end = to < today ? to : today;
  const students = rows.map((s) => {
    const inClass = stays.filter((st) => st.studentId === s.id);
    const inGroups = groupStays.filter((g) => g.studentId === s.id);
    const due: DueLesson[] = [];
    for (const [lessonId, l] of held) {
      if (!inClass.some((st) => covers(st, l.date)) || !inGroups.some((g) => g.groupId === l.groupId && covers(g, l.date))) continue;
      due.push({ date: l.date, code: codes.get(`${lessonId}|${s.id}`) ?? null });
    }
    return {
      id: s.id, name: fullName(s), left: !inClass.some((st) => st.endsOn === null || st.endsOn >= end), ...attendanceTotals(due),
    };
  }).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  return {
    class: { id: klass.id, name: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter) },
    from, to, students,
    total: sumAttendance(students),
  };
}
