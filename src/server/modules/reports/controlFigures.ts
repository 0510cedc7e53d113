import type { ControlFigures, ControlFiguresQuery, LessonFigures, SchoolControlFigures } from '../../../shared/contract/oversight.ts';
import { addDays, localDate, minDate } from '../../../shared/domain/calendar.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { getSchool } from '../organisation/service.ts';
import { staffByIds } from '../people/service.ts';
import { type AccountsRow, accountFigures, type LessonCountsRow, lessonCounts, type WithoutMarksRow, withoutMarks } from './controlFiguresQueries.ts';

/** part ÷ whole × 100, one decimal; null when there is nothing to divide. */
export const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

const ZERO_LESSONS = { given: 0, withTopic: 0, withMarks: 0, withAttendance: 0, withHomework: 0 };
type LessonCounts = typeof ZERO_LESSONS;

export function lessonFigures(c: LessonCounts): LessonFigures {
  return {
    ...c,
    topicPercent: percentOf(c.withTopic, c.given),
    marksPercent: percentOf(c.withMarks, c.given),
    attendancePercent: percentOf(c.withAttendance, c.given),
    homeworkPercent: percentOf(c.withHomework, c.given),
  };
}

const countsOf = (r: LessonCountsRow): LessonCounts => ({
  given: r.given, withTopic: r.with_topic, withMarks: r.with_marks, withAttendance: r.with_attendance, withHomework: r.with_homework,
});
const add = (a: LessonCounts, b: LessonCounts): LessonCounts => ({
  given: a.given + b.given, withTopic: a.withTopic + b.withTopic, withMarks: a.withMarks + b.withMarks,
  withAttendance: a.withAttendance + b.withAttendance, withHomework: a.withHomework + b.withHomework,
});

/** The range the figures are read over: `to` no later than today; «without marks» the `weeks` weeks ending there. */
export function controlRange(from: string, to: string, weeks: number, today: string) {
  const end = minDate(to, today);
  return { from, to: end < from ? from : end, withoutMarksFrom: addDays(end < from ? from : end, -7 * weeks + 1) };
}

/**
 * The control figures of keeping the journal (seed 002 §4.5.5, 004 §5.1) of a set of schools at once:
 * three statements whatever the number of schools (lessons per teacher, students without marks,
 * accounts and diary readers). Per school its figures, and its rows per teacher (staff ids).
 */
export async function controlFiguresOf(
  db: Db, schoolIds: readonly string[], r: { from: string; to: string; withoutMarksFrom: string }, now: Date,
): Promise<Map<string, { figures: SchoolControlFigures; teachers: { staffId: string; lessons: LessonFigures }[] }>> {
  const [lessons, missing, accounts] = await Promise.all([
    lessonCounts(db, schoolIds, r.from, r.to, now),
    withoutMarks(db, schoolIds, r.withoutMarksFrom, r.to),
    accountFigures(db, schoolIds, r.to, now),
  ]);
  const out = new Map<string, { figures: SchoolControlFigures; teachers: { staffId: string; lessons: LessonFigures }[] }>();
  for (const schoolId of schoolIds) {
    const rows = lessons.filter((l) => l.school_id === schoolId);
    out.set(schoolId, {
      figures: schoolFigures(rows, missing.find((m) => m.school_id === schoolId), accounts.filter((a) => a.school_id === schoolId)),
      teachers: rows.map((row) => ({ staffId: row.staff_id, lessons: lessonFigures(countsOf(row)) })),
    });
  }
  return out;
}

function schoolFigures(rows: LessonCountsRow[], missing: WithoutMarksRow | undefined, accounts: AccountsRow[]): SchoolControlFigures {
  const lessons = rows.map(countsOf).reduce(add, ZERO_LESSONS);
  const active = rows.length;
  const allTopics = rows.filter((r) => r.with_topic === r.given).length;
  const allAttendance = rows.filter((r) => r.with_attendance === r.given).length;
  const role = (name: string) => accounts.find((a) => a.role === name) ?? { people: 0, accounts: 0, activated: 0, signed_in: 0, seen7: 0, seen30: 0 };
  const students = role('student');
  const guardians = role('guardian');
  const usage = accounts.reduce((sum, a) => ({
    accounts: sum.accounts + a.accounts, activated: sum.activated + a.activated, signedIn: sum.signedIn + a.signed_in, signedIn30: sum.signedIn30 + a.seen30,
  }), { accounts: 0, activated: 0, signedIn: 0, signedIn30: 0 });
  return {
    lessons: lessonFigures(lessons),
    teachers: { active, allTopics, allAttendance, allTopicsPercent: percentOf(allTopics, active), allAttendancePercent: percentOf(allAttendance, active) },
    withoutMarks: {
      students: missing?.students ?? 0, withoutMarks: missing?.without_marks ?? 0,
      percent: percentOf(missing?.without_marks ?? 0, missing?.students ?? 0), subjectPairs: missing?.pairs ?? 0,
    },
    diary: {
      students: students.people, studentAccounts: students.activated, students7: students.seen7, students30: students.seen30,
      students7Percent: percentOf(students.seen7, students.people), students30Percent: percentOf(students.seen30, students.people),
      guardians: guardians.people, guardianAccounts: guardians.activated, guardians7: guardians.seen7, guardians30: guardians.seen30,
      guardians7Percent: percentOf(guardians.seen7, guardians.people), guardians30Percent: percentOf(guardians.seen30, guardians.people),
    },
    usage: { ...usage, activatedPercent: percentOf(usage.activated, usage.accounts), signedIn30Percent: percentOf(usage.signedIn30, usage.accounts) },
  };
}

/** Sums the schools' figures (the municipality's total): counts added, percentages recomputed. */
export function sumControlFigures(all: readonly SchoolControlFigures[]): SchoolControlFigures {
  const s = (pick: (f: SchoolControlFigures) => number) => all.reduce((sum, f) => sum + pick(f), 0);
  const lessons = lessonFigures({
    given: s((f) => f.lessons.given), withTopic: s((f) => f.lessons.withTopic), withMarks: s((f) => f.lessons.withMarks),
    withAttendance: s((f) => f.lessons.withAttendance), withHomework: s((f) => f.lessons.withHomework),
  });
  const active = s((f) => f.teachers.active);
  const allTopics = s((f) => f.teachers.allTopics);
  const allAttendance = s((f) => f.teachers.allAttendance);
  const wm = { students: s((f) => f.withoutMarks.students), withoutMarks: s((f) => f.withoutMarks.withoutMarks), subjectPairs: s((f) => f.withoutMarks.subjectPairs) };
  const d = {
    students: s((f) => f.diary.students), studentAccounts: s((f) => f.diary.studentAccounts), students7: s((f) => f.diary.students7), students30: s((f) => f.diary.students30),
    guardians: s((f) => f.diary.guardians), guardianAccounts: s((f) => f.diary.guardianAccounts), guardians7: s((f) => f.diary.guardians7), guardians30: s((f) => f.diary.guardians30),
  };
  const u = { accounts: s((f) => f.usage.accounts), activated: s((f) => f.usage.activated), signedIn: s((f) => f.usage.signedIn), signedIn30: s((f) => f.usage.signedIn30) };
  return {
    lessons,
    teachers: { active, allTopics, allAttendance, allTopicsPercent: percentOf(allTopics, active), allAttendancePercent: percentOf(allAttendance, active) },
    withoutMarks: { ...wm, percent: percentOf(wm.withoutMarks, wm.students) },
    diary: {
      ...d,
      students7Percent: percentOf(d.students7, d.students), students30Percent: percentOf(d.students30, d.students),
      guardians7Percent: percentOf(d.guardians7, d.guardians), guardians30Percent: percentOf(d.guardians30, d.guardians),
    },
    usage: { ...u, activatedPercent: percentOf(u.activated, u.accounts), signedIn30Percent: percentOf(u.signedIn30, u.accounts) },
  };
}

/** One school's control figures with its teachers by name: the three statements, the school, the names. */
export async function controlFiguresReport(db: Db, schoolId: string, query: ControlFiguresQuery, now: Date): Promise<ControlFigures> {
  const school = await getSchool(db, schoolId);
  const range = controlRange(query.from, query.to, query.weeks, localDate(now, school.timeZone));
  const found = (await controlFiguresOf(db, [schoolId], range, now)).get(schoolId)!;
  const people = new Map((await staffByIds(db, schoolId, found.teachers.map((t) => t.staffId))).map((p) => [p.id, fullName(p)]));
  return {
    from: range.from, to: range.to, weeks: query.weeks, withoutMarksFrom: range.withoutMarksFrom,
    school: found.figures,
    teachers: found.teachers.map((t) => ({ ...t, name: people.get(t.staffId) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.staffId.localeCompare(b.staffId)),
  };
}
