/**
 * Attendance and marks of the demo journal. Each student has one ability: all his marks scatter
 * around it (plus a small bias per subject); the class is asked a few at a time, and everyone present writes the
 * control and written works. Absences: a few illnesses of several days, some excused days, a rare
 * truancy or late arrival — about 7 % of the student-lessons in all.
 */
import { addDays, daysBetween, schoolDays } from '../../shared/domain/calendar.ts';
import { isoWeekday } from '../../shared/domain/timetable.ts';
import { type DemoLesson, type JournalCtx, moscow } from './lessons.ts';
import type { Rng } from './random.ts';
import type { Row } from './rows.ts';
import { ungraded } from './topics.ts';

/** Who wrote a row when the teacher has no demo account (attendance needs an author). */
export const GENERATED_BY = '00000000-0000-0000-0000-000000000000';

const MINUTE = 60_000;

export type Stay = { studentId: string; startsOn: string; endsOn: string | null };

/** Who sits in each group: a class group's class from the enrolments, other groups from their members. */
export function staysByGroup(ctx: JournalCtx): Map<string, Stay[]> {
  const { rows } = ctx;
  const byClass = new Map<string, Stay[]>();
  for (const e of rows.enrolments) {
    byClass.set(e.classId, [...(byClass.get(e.classId) ?? []), { studentId: e.studentId, startsOn: e.startsOn, endsOn: e.endsOn ?? null }]);
  }
  const out = new Map<string, Stay[]>();
  for (const g of rows.teachingGroups) if (g.kind === 'class') out.set(g.id, byClass.get(g.classId!) ?? []);
  for (const m of rows.groupMembers) {
    out.set(m.groupId, [...(out.get(m.groupId) ?? []), { studentId: m.studentId, startsOn: m.startsOn, endsOn: m.endsOn ?? null }]);
  }
  return out;
}

export const staysOn = (stay: Stay, date: string) => stay.startsOn <= date && (stay.endsOn === null || date <= stay.endsOn);

/** A standard normal variate (Box–Muller). */
const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());

const ILL = ['ОРВИ', 'Болезнь, справка', 'Болезнь', 'Простуда, справка от врача'];
const EXCUSED = ['Заявление родителей', 'Соревнования', 'Олимпиада', 'Семейные обстоятельства', 'Посещение врача'];
const COMMENTS: Record<number, string[]> = {
  5: ['Отлично!', 'Молодец', 'Отличная работа'],
  4: ['Хорошо, есть недочёты', 'Небольшие ошибки'],
  3: ['Много ошибок', 'Невнимательно', 'Повторить тему'],
  2: ['Не выполнено задание', 'Не готов к уроку', 'Нужно пересдать'],
  1: ['Работа не сдана'],
};

type DayAbsence = { code: 'ill' | 'excused'; reason: string };

/** Whole days away: 0–3 illnesses of 2–7 school days and a few single excused days per student. */
function dayAbsences(ctx: JournalCtx, gradeOfStudent: Map<string, number>, startOf: Map<string, string>) {
  const { rows, rng } = ctx;
  const year = rows.academicYears[0]!;
  const daysOf = new Map<number, string[]>();
  const out = new Map<string, Map<string, DayAbsence>>();
  for (const s of rows.students) {
    const grade = gradeOfStudent.get(s.id) ?? 1;
    if (!daysOf.has(grade)) daysOf.set(grade, schoolDays(year.startsOn, ctx.today, { weekDays: year.weekDays ?? 5, holidays: rows.holidays, grade }));
    const from = startOf.get(s.id) ?? year.startsOn;
    const days = daysOf.get(grade)!.filter((d) => d >= from);
    const away = new Map<string, DayAbsence>();
    const illnesses = rng.weighted([[0, 50], [1, 36], [2, 11], [3, 3]] as const);
    for (let i = 0; i < illnesses && days.length > 0; i++) {
      const start = rng.int(0, days.length - 1);
      const reason = rng.pick(ILL);
      for (const d of days.slice(start, start + rng.int(2, 7))) away.set(d, { code: 'ill', reason });
    }
    for (let i = rng.weighted([[0, 75], [1, 20], [2, 5]] as const); i > 0 && days.length > 0; i--) {
      away.set(rng.pick(days), { code: 'excused', reason: rng.pick(EXCUSED) });
    }
    if (away.size > 0) out.set(s.id, away);
  }
  return out;
}

/** Marks a period needs at least (seed 001, 5.2); teachers ask those short of it in the period's last lessons. */
const MIN_MARKS = 3;
/**
 * One ability per student drives all his marks (issue 13): a normal spread around 4.1, held between
 * a weak pupil's 3.25 and an excellent one's 5.9 (above 5 the marks are nearly all «5»), a modest
 * bias per subject and the scatter of single marks. Tuned so the first quarter's results look like
 * a school's (bench/README.md): about 97 % успеваемости, 51 % качества, 5 % отличников.
 */
const ABILITY = { mean: 4.1, sd: 0.6, min: 3.25, max: 5.9 };
const SUBJECT_SD = 0.12;
const MARK_SD = 0.62;
/** Lessons to spare when asking a student short of the minimum (for an illness at the period's end): «н/а» stays rare (~1 %). */
const SPARE = 3;

/** Writes attendance and marks for the lessons held; `closedTill(lesson)` is the last day marks may carry. */
export function addMarks(ctx: JournalCtx, held: DemoLesson[], stays: Map<string, Stay[]>, closedTill: (l: DemoLesson) => string | undefined) {
  const { rows, rng, schoolId, today } = ctx;
  const college = rows.schools[0]!.kind === 'college';
  const gradeOfClass = new Map(rows.classes.map((c) => [c.id, c.grade]));
  const classTeacher = new Map(rows.classes.map((c) => [c.id, c.classTeacherId]));
  const gradeOfStudent = new Map<string, number>();
  const classOfStudent = new Map<string, string>();
  const startOf = new Map<string, string>();
  for (const e of rows.enrolments) {
    gradeOfStudent.set(e.studentId, gradeOfClass.get(e.classId)!);
    classOfStudent.set(e.studentId, e.classId);
    startOf.set(e.studentId, e.startsOn);
  }
  const away = dayAbsences(ctx, gradeOfStudent, startOf);
  // Abilities are drawn in the students' order, before any lesson, so they do not depend on the timetable.
  const ability = new Map(rows.students.map((s) => [s.id, Math.min(ABILITY.max, Math.max(ABILITY.min, ABILITY.mean + ABILITY.sd * gauss(rng)))]));
  const bias = new Map<string, Map<string, number>>();
  const weekStarts = addDays(today, 1 - isoWeekday(today));
  /** Marks so far in the period of the series under way, per student. */
  let counts = new Map<string, number>();
  let series = '';
  let periodOver = false;

  for (const lesson of held) {
    const key = `${lesson.groupId}|${lesson.subjectId}`;
    if (key !== series || periodOver) {
      series = key;
      counts = new Map();
    }
    periodOver = lesson.leftInPeriod === 0;
    const grade = ctx.gradeOf.get(lesson.groupId);
    const graded = grade !== undefined && (college || grade >= 2) && !ungraded(lesson.family);
    const author = ctx.userOf.get(lesson.staffId) ?? null;
    const pRegular = lesson.hours >= 4 ? 0.1 : lesson.hours === 3 ? 0.14 : lesson.hours === 2 ? 0.22 : 0.4;
    const p = lesson.kind === 'control' ? 0.95 : lesson.kind === 'written' ? 0.8 : pRegular;
    // Written work is checked at home: today's is not marked yet.
    const checked = lesson.kind === 'regular' || lesson.date < today;
    const when = markTimes(lesson, closedTill(lesson) ?? today);
    if (!bias.has(lesson.subjectId)) bias.set(lesson.subjectId, new Map());
    const biasOf = bias.get(lesson.subjectId)!;
    // The teacher takes the register a few minutes into every lesson held (003, 2.5), all present or not.
    rows.attendanceTakings.push({ schoolId, lessonId: lesson.id, takenBy: author ?? GENERATED_BY, takenAt: new Date(lesson.startsAt + 3 * MINUTE) });
    const confirmedAt = lesson.date < weekStarts ? moscow(addDays(lesson.date, Math.max(0, 5 - isoWeekday(lesson.date))), '15:00') : 0;
    for (const stay of stays.get(lesson.groupId) ?? []) {
      if (!staysOn(stay, lesson.date)) continue;
      const day = away.get(stay.studentId)?.get(lesson.date);
      const r = rng.float();
      const code = day?.code ?? (r < 0.005 ? 'absent' : r < 0.011 ? 'late' : null);
      if (code) {
        const confirmed = (code === 'ill' || code === 'excused') && confirmedAt > 0;
        const teacher = classTeacher.get(classOfStudent.get(stay.studentId)!) ?? '';
        rows.attendance.push({
          schoolId, id: rng.id(), lessonId: lesson.id, studentId: stay.studentId, code, reason: day?.reason ?? '',
          recordedBy: author ?? GENERATED_BY, recordedAt: new Date(lesson.startsAt + rng.int(3, 15) * MINUTE),
          confirmedBy: confirmed ? ctx.userOf.get(teacher) ?? GENERATED_BY : null,
          confirmedAt: confirmed ? new Date(confirmedAt + rng.int(0, 120) * MINUTE) : null,
        });
        if (code !== 'late') continue;
      }
      if (!graded || !checked) continue;
      // Short of the minimum with only that many lessons left (and one to spare for an absence): asked now.
      const missing = MIN_MARKS - (counts.get(stay.studentId) ?? 0);
      const short = missing > 0 && lesson.leftInPeriod < missing + SPARE;
      if (!short && !rng.chance(p)) continue;
      counts.set(stay.studentId, (counts.get(stay.studentId) ?? 0) + 1);
      if (!biasOf.has(stay.studentId)) biasOf.set(stay.studentId, SUBJECT_SD * gauss(rng));
      const raw = ability.get(stay.studentId)! + biasOf.get(stay.studentId)! + MARK_SD * gauss(rng) - (lesson.kind === 'control' ? 0.2 : 0);
      let value = Math.min(5, Math.max(1, Math.round(raw)));
      if (value === 1 && rng.chance(0.7)) value = 2;
      const workType = ctx.workTypes.get(lesson.kind === 'regular' && rng.chance(0.3) ? 'Домашняя работа' : lesson.workType)!;
      const created = new Date(when(rng));
      // Version, deletion and the rest keep their column defaults: a current mark in its first version.
      rows.marks.push({
        schoolId, id: rng.id(), lessonId: lesson.id, studentId: stay.studentId, workTypeId: workType.id, weight: workType.weight,
        scale: 'five', value: String(value), comment: rng.chance(0.03) ? rng.pick(COMMENTS[value]!) : '', authorUserId: author,
        createdAt: created, updatedAt: created,
      } satisfies Row<'marks'>);
    }
  }
}

const DAY = 86_400_000;

/**
 * When the marks of a lesson are written: an oral answer during the lesson (now and then the next
 * evening, a compliance flag: 003, 2.5); written work after 1–5 days of checking (rarely over a
 * week: 002), never after the day `last`.
 */
function markTimes(lesson: DemoLesson, last: string): (rng: Rng) => number {
  const spare = daysBetween(lesson.date, last);
  const evening = moscow(lesson.date, '16:00');
  if (lesson.kind === 'regular') {
    return (rng) => (rng.chance(0.02) && spare >= 1 ? evening + DAY + rng.int(120, 300) * MINUTE : lesson.startsAt + rng.int(5, 44) * MINUTE);
  }
  return (rng) => {
    const delay = Math.min(spare, rng.chance(0.04) ? rng.int(8, 10) : rng.int(1, 5));
    return delay === 0 ? lesson.endsAt + rng.int(60, 300) * MINUTE : evening + delay * DAY + rng.int(0, 240) * MINUTE;
  };
}
