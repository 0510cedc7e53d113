import { localDate } from './calendar.ts';
/**
 * Compliance flags of the journal (issue 5): shown to the deputy, never blocking the teacher.
 * The one place these rules live: each function decides one flag from plain facts (dates, times,
 * instants, counts). Pure: no I/O, no clock — "now" and the school's time zone are arguments.
 */
import { addDays, daysBetween } from './calendar.ts';

export const COMPLIANCE_FLAG_KINDS = [
  'homework_late', 'mark_late', 'written_mark_late', 'topic_missing', 'few_marks', 'attendance_missing', 'period_mark_missing',
] as const;
export type ComplianceFlagKind = (typeof COMPLIANCE_FLAG_KINDS)[number];

/** Seed 003, 2.7: homework is entered during the lesson or within 1.5 hours after it. */
export const HOMEWORK_GRACE_MINUTES = 90;
/** Seed 002, 4.4.2: marks for written and control works within one week of the work. */
export const WRITTEN_MARK_DAYS = 7;
/** Seed 001, 5.3: period marks no later than two days before the period ends. */
export const PERIOD_MARK_DEADLINE_DAYS = 2;
/** The few-marks flag shows once the period-mark deadline is this close (or has passed). */
export const FEW_MARKS_WARNING_DAYS = 7;

/** What each flag cites, in the words the deputy reads. */
export const COMPLIANCE_RULES: Record<ComplianceFlagKind, { citation: string; text: string }> = {
  homework_late: {
    citation: 'Положение об ЭЖ (003), п. 2.7',
    text: 'Домашнее задание вносится во время урока или в течение 1,5 часа после его окончания',
  },
  mark_late: {
    citation: 'Положение об ЭЖ (003), п. 2.5',
    text: 'Отметки за урок выставляются во время урока или в течение того же учебного дня',
  },
  written_mark_late: {
    citation: 'Положение об ЭЖ (002), п. 4.4.2',
    text: 'Отметки за письменные и контрольные работы выставляются не позднее 1 недели со дня их проведения',
  },
  topic_missing: {
    citation: 'Положение об ЭЖ (003), п. 2.6',
    text: 'Тема урока записывается в соответствии с календарно-тематическим планированием',
  },
  few_marks: {
    citation: 'Положение об ЭЖ (001), п. 5.2–5.3',
    text: 'Для итоговой отметки нужно не менее минимума отметок (с учётом письменных и контрольных работ, если их требует положение школы); итоговые выставляются не позднее чем за 2 дня до конца периода',
  },
  attendance_missing: {
    citation: 'Положение об ЭЖ (003), п. 2.5',
    text: 'Учитель ежедневно отмечает посещаемость: на каждом проведённом уроке в течение того же учебного дня, даже если присутствуют все',
  },
  period_mark_missing: {
    citation: 'Положение об ЭЖ (001), п. 5.3',
    text: 'Итоговые оценки выставляются не позднее 2-х дней до окончания учебного периода',
  },
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone, as if it were UTC (ms). */
function wallClock(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The instant a school-local date and time ('HH:MM' or 'HH:MM:SS') happen in the time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  let guess = wall - (wallClock(new Date(wall), timeZone) - wall);
  // Once more at the guess, for a date where the offset changes (daylight saving elsewhere).
  guess = wall - (wallClock(new Date(guess), timeZone) - guess);
  return new Date(guess);
}

/** Seed 003, 2.7: late when entered more than 1.5 h after the lesson's end (exactly 1.5 h is on time). */
export function isHomeworkLate(fact: { lessonDate: string; lessonEndsAt: string; enteredAt: Date; timeZone: string }): boolean {
  const end = zonedInstant(fact.lessonDate, fact.lessonEndsAt, fact.timeZone);
  return fact.enteredAt.getTime() - end.getTime() > HOMEWORK_GRACE_MINUTES * 60_000;
}

/**
 * A mark entered after the lesson's school day (seed 003, 2.5), or, for a written work, more than
 * seven days after it (seed 002, 4.4.2; written marks are due when checking ends, 003, 2.5).
 */
export function lateMarkKind(fact: { lessonDate: string; enteredAt: Date; timeZone: string; written: boolean }): 'mark_late' | 'written_mark_late' | null {
  const enteredOn = localDate(fact.enteredAt, fact.timeZone);
  if (fact.written) return daysBetween(fact.lessonDate, enteredOn) > WRITTEN_MARK_DAYS ? 'written_mark_late' : null;
  return enteredOn > fact.lessonDate ? 'mark_late' : null;
}

/** A lesson that has taken place (before today), was not cancelled, and still has no topic. */
export const isTopicMissing = (fact: { lessonDate: string; status: string; topic: string; today: string }): boolean =>
  fact.lessonDate < fact.today && fact.status !== 'cancelled' && fact.topic.trim() === '';

/** Seed 001, 5.3: the last day to set the period's marks. */
export const periodMarkDeadline = (periodEndsOn: string) => addDays(periodEndsOn, -PERIOD_MARK_DEADLINE_DAYS);

/** Whether the few-marks check applies: the period-mark deadline is within a week, or has passed. */
export const fewMarksDue = (periodEndsOn: string, today: string): boolean =>
  daysBetween(today, periodMarkDeadline(periodEndsOn)) <= FEW_MARKS_WARNING_DAYS;

/**
 * Seed 001, 5.2: fewer marks than the policy's minimum when the period-mark deadline is near or
 * past, or, where the policy requires written or control works among them (`minWrittenMarks`),
 * fewer of those than required.
 */
export const hasFewMarks = (fact: {
  marks: number; minMarks: number; writtenMarks?: number; minWrittenMarks?: number; periodEndsOn: string; today: string;
}): boolean =>
  fewMarksDue(fact.periodEndsOn, fact.today)
  && (fact.marks < fact.minMarks || (fact.writtenMarks ?? 0) < (fact.minWrittenMarks ?? 0));

/**
 * Seed 003, 2.5: attendance is taken daily. A lesson held (not cancelled) whose school-local day has
 * passed, and whose attendance was not taken by the end of that day: never, or only on a later day.
 */
export function isAttendanceMissing(fact: { lessonDate: string; status: string; today: string; takenAt: Date | null; timeZone: string }): boolean {
  if (fact.status === 'cancelled' || fact.lessonDate >= fact.today) return false;
  return fact.takenAt === null || localDate(fact.takenAt, fact.timeZone) > fact.lessonDate;
}

/**
 * Seed 001, 5.3: a student's period mark in a subject is missing once the period-mark deadline has
 * passed (the deadline day itself is still on time).
 */
export const isPeriodMarkMissing = (fact: { periodEndsOn: string; today: string; hasMark: boolean }): boolean =>
  !fact.hasMark && fact.today > periodMarkDeadline(fact.periodEndsOn);
