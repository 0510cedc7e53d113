/**
 * The demo journal's lessons: every occurrence of the timetable from 1 September to the end of
 * the period that contains `today`, on the school days of the group's grade. Lessons up to today
 * have a topic, their work types and (mostly) homework; later ones are only scheduled.
 */
import { addDays, bandContains, schoolDays } from '../../shared/domain/calendar.ts';
import { slotDates } from '../../shared/domain/timetable.ts';
import { DEMO_CREATED_AT as at, type Rng } from './random.ts';
import type { Row, Rows } from './rows.ts';
import {
  type Family, type LessonKind, type WorkTypeName, familyOf, homeworkChance, homeworkOf, lessonKind, topicOf, workTypeOf,
} from './topics.ts';

/** What the marks, the attendance and the period marks need to know of the journal so far. */
export type JournalCtx = {
  rows: Rows;
  rng: Rng;
  schoolId: string;
  /** The demo's today: lessons up to it are held and filled in; nothing is written after it. */
  today: string;
  workTypes: Map<WorkTypeName, { id: string; weight: number }>;
  /** The demo user of a staff member, where one exists: the author of what he writes. */
  userOf: Map<string, string>;
  /** Grade of each group: its class's grade; none for a group of several classes. */
  gradeOf: Map<string, number | undefined>;
};

export type DemoLesson = {
  id: string;
  groupId: string;
  subjectId: string;
  staffId: string;
  date: string;
  family: Family;
  kind: LessonKind;
  workType: WorkTypeName;
  /** Lessons a week of the group's subject. */
  hours: number;
  startsAt: number;
  endsAt: number;
  /** Lessons of the group's subject after this one in the same period (0 = the period's last). */
  leftInPeriod: number;
};

const MINUTE = 60_000;

/** An instant of a school-local date and time; every demo school is in Europe/Moscow (UTC+3, no DST). */
export const moscow = (date: string, hhmm: string, plusMinutes = 0) =>
  Date.parse(`${date}T${hhmm.slice(0, 5)}:00+03:00`) + plusMinutes * MINUTE;

/** Writes lessons and homework; returns the lessons held up to `today`, in date order per group and subject. */
export function addLessons(ctx: JournalCtx): DemoLesson[] {
  const { rows, rng, schoolId, today } = ctx;
  const year = rows.academicYears[0]!;
  const weekDays = year.weekDays ?? 5;
  const bells = new Map(rows.bells.map((b) => [b.lessonNumber, b]));
  const subjectName = new Map(rows.subjects.map((s) => [s.id, s.name]));
  // Lessons run to the end of the period under way (or the next one, in a vacation) for the grade;
  // a group of several classes runs as long as the longest of them.
  const until = (grade: number | undefined) => {
    const ahead = rows.periods.filter((p) => (grade === undefined || bandContains(p, grade)) && p.endsOn >= today);
    const next = new Map<string, string>();
    for (const p of ahead) {
      const band = `${p.gradeFrom}-${p.gradeTo}`;
      if (!next.has(band) || p.endsOn < next.get(band)!) next.set(band, p.endsOn);
    }
    return next.size === 0 ? year.endsOn : [...next.values()].sort().at(-1)!;
  };
  const hoursOf = new Map<string, number>();
  for (const s of rows.timetableSlots) hoursOf.set(`${s.groupId}|${s.subjectId}`, (hoursOf.get(`${s.groupId}|${s.subjectId}`) ?? 0) + 1);

  const days = new Map<number | undefined, Set<string>>();
  const schoolDaysOf = (grade: number | undefined) => {
    if (!days.has(grade)) days.set(grade, new Set(schoolDays(year.startsOn, year.endsOn, { weekDays, holidays: rows.holidays, grade })));
    return days.get(grade)!;
  };
  const series = new Map<string, { slot: Row<'timetableSlots'>; date: string }[]>();
  for (const slot of rows.timetableSlots) {
    const grade = ctx.gradeOf.get(slot.groupId);
    const open = schoolDaysOf(grade);
    const key = `${slot.groupId}|${slot.subjectId}`;
    const list = series.get(key) ?? [];
    series.set(key, list);
    for (const date of slotDates({ ...slot, weekParity: null }, year.startsOn, until(grade), (d) => open.has(d))) {
      list.push({ slot, date });
    }
  }

  const held: DemoLesson[] = [];
  for (const [key, list] of series) {
    list.sort((a, b) => a.date.localeCompare(b.date) || a.slot.lessonNumber - b.slot.lessonNumber);
    const first = list[0]?.slot;
    if (!first) continue;
    const family = familyOf(subjectName.get(first.subjectId) ?? '');
    const hours = hoursOf.get(key)!;
    const grade = ctx.gradeOf.get(first.groupId) ?? 7;
    const ids = list.map(() => rng.id());
    const bands = rows.periods.filter((p) => ctx.gradeOf.get(first.groupId) === undefined || bandContains(p, grade));
    const ends = list.map(({ date }) => bands.find((p) => p.startsOn <= date && date <= p.endsOn)?.endsOn);
    const left = Array<number>(list.length).fill(0);
    for (let i = list.length - 2; i >= 0; i--) left[i] = ends[i + 1] === ends[i] ? left[i + 1]! + 1 : 0;
    list.forEach(({ slot, date }, index) => {
      const bell = bells.get(slot.lessonNumber)!;
      const startsAt = moscow(date, bell.startsAt);
      const endsAt = moscow(date, bell.endsAt);
      const past = date <= today;
      const kind = lessonKind(family, hours, index);
      const workType = workTypeOf(family, kind, index);
      const topicWrittenAt = past ? new Date(endsAt - rng.int(1, 20) * MINUTE) : null;
      // Kind, status, notes, version and the rest keep their column defaults: a regular, scheduled lesson.
      rows.lessons.push({
        schoolId, id: ids[index]!, groupId: slot.groupId, subjectId: slot.subjectId, staffId: slot.staffId, roomId: slot.roomId,
        slotId: slot.id, date, lessonNumber: slot.lessonNumber, originalDate: date, originalLessonNumber: slot.lessonNumber,
        topic: past ? topicOf(family, hours, index, kind, workType) : '', workTypeIds: past ? [ctx.workTypes.get(workType)!.id] : [],
        topicWrittenAt, createdAt: at, updatedAt: topicWrittenAt ?? at,
      });
      if (!past) return;
      held.push({
        id: ids[index]!, groupId: slot.groupId, subjectId: slot.subjectId, staffId: slot.staffId, date, family, kind, workType, hours,
        startsAt, endsAt, leftInPeriod: left[index]!,
      });
      if (!rng.chance(homeworkChance(family))) return;
      const due = list.slice(index + 1, index + 8).find((x) => x.date > date);
      const hw = homeworkOf(family, index, grade, rng);
      // Most homework is entered by the end of the lesson; a few the same evening (a compliance flag: 003, 4.3).
      const written = new Date(rng.chance(0.04) ? endsAt + rng.int(120, 360) * MINUTE : endsAt - rng.int(0, 10) * MINUTE);
      rows.homework.push({
        schoolId, id: rng.id(), lessonId: ids[index]!, dueLessonId: due ? ids[list.indexOf(due)]! : null, dueDate: due?.date ?? addDays(date, 7),
        text: hw.text, pages: hw.pages, tasks: hw.tasks, expectedMinutes: hw.minutes, individual: false, deleted: false, version: 1,
        authorUserId: ctx.userOf.get(slot.staffId) ?? null, createdAt: written, updatedAt: written,
      });
    });
  }
  return held;
}
