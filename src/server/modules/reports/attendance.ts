import type { AttendanceReport, AttendanceReportQuery } from '../../../shared/contract/attendanceReports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { attendanceTotals, attendanceWeeks, type DueLesson, sumAttendance } from '../../../shared/domain/attendance.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, referenced } from '../../errors.ts';
import { classStaysBetween } from '../../roster/classStays.ts';
import { groupStaysOfStudents } from '../../roster/groupStays.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';
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

  if (query.studentId !== undefined && !studentIds.includes(query.studentId)) {
    throw badRequest('student.not_found', 'Обучающийся не учился в классе в эти даты', { studentId: 'Обучающийся не учился в классе в эти даты' });
  }
  const codes = new Map<string, string>();
  const held = new Map<string, { groupId: string; subjectId: string; lessonNumber: number; date: string }>();
  for (const l of lessons) {
    held.set(l.lesson_id, { groupId: l.group_id, subjectId: l.subject_id, lessonNumber: l.lesson_number, date: l.date });
    if (l.student_id !== null && l.code !== null) codes.set(`${l.lesson_id}|${l.student_id}`, l.code);
  }
  const today = localDate(now, school.timeZone);
  const end = to < today ? to : today;
  /** The lessons a student was due at while in the class: those of his groups on the days he sat in them. */
  const dueOf = (studentId: string) => {
    const inClass = stays.filter((st) => st.studentId === studentId);
    const inGroups = groupStays.filter((g) => g.studentId === studentId);
    return [...held].filter(([, l]) => inClass.some((st) => covers(st, l.date)) && inGroups.some((g) => g.groupId === l.groupId && covers(g, l.date)))
      .map(([lessonId, l]) => ({ ...l, code: codes.get(`${lessonId}|${studentId}`) ?? null }));
  };
  const everyDue: DueLesson[] = [];
  const students = rows.map((s) => {
    const inClass = stays.filter((st) => st.studentId === s.id);
    const due: DueLesson[] = dueOf(s.id);
    everyDue.push(...due);
    return {
      id: s.id, name: fullName(s), left: !inClass.some((st) => st.endsOn === null || st.endsOn >= end), ...attendanceTotals(due),
    };
  }).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  return {
    class: { id: klass.id, name: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter) },
    from, to, students,
    total: sumAttendance(students),
    lessons: query.studentId === undefined ? [] : await drillDown(db, schoolId, dueOf(query.studentId)),
    weeks: attendanceWeeks(from, to, everyDue),
  };
}

/** A student's lessons with a code, by date and lesson number, with the subject's name (one statement). */
async function drillDown(db: Db, schoolId: string, due: { date: string; lessonNumber: number; subjectId: string; code: string | null }[]) {
  const coded = due.filter((l): l is typeof l & { code: string } => l.code !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber);
  const names = await subjectNames(db, schoolId, [...new Set(coded.map((l) => l.subjectId))]);
  return coded.map((l) => ({ date: l.date, lessonNumber: l.lessonNumber, subject: names.get(l.subjectId) ?? '', code: l.code }));
}
