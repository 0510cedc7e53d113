/**
 * Pure helpers of the setup wizard: period presets for a year, defaults of the next year, a
 * standard bell schedule. No I/O: unit-tested in presets.test.ts.
 */
import { addDays, addYears, clipRange, type DateRange, yearOf } from '../../../../shared/domain/calendar.ts';
import type { PeriodKind } from '../../../../shared/contract/enums.ts';

export type PeriodDraft = DateRange & { name: string; kind: PeriodKind; gradeFrom: number; gradeTo: number };
export type PeriodPreset = 'quarters' | 'halves' | 'semesters';

/** Month-day ranges of the usual Russian school calendar; the second number is the year offset. */
const PRESETS: Record<PeriodPreset, { kind: PeriodKind; gradeFrom: number; gradeTo: number; parts: [string, number, string, number][] }> = {
  // Quarters for grades 1–9: autumn, November and spring breaks between them.
  quarters: {
    kind: 'quarter', gradeFrom: 1, gradeTo: 9,
    parts: [['09-01', 0, '10-25', 0], ['11-05', 0, '12-28', 0], ['01-09', 1, '03-21', 1], ['03-31', 1, '05-26', 1]],
  },
  // Half-years for grades 10–11.
  halves: { kind: 'half', gradeFrom: 10, gradeTo: 11, parts: [['09-01', 0, '12-28', 0], ['01-09', 1, '05-26', 1]] },
  // College semesters for courses 1–4.
  semesters: { kind: 'semester', gradeFrom: 1, gradeTo: 4, parts: [['09-01', 0, '12-30', 0], ['01-12', 1, '06-30', 1]] },
};

const NAMES: Record<PeriodPreset, string[]> = {
  quarters: ['1 четверть', '2 четверть', '3 четверть', '4 четверть'],
  halves: ['1 полугодие', '2 полугодие'],
  semesters: ['1 семестр', '2 семестр'],
};

/**
 * The periods of a preset for the year: dates follow the calendar year the school year starts in,
 * the first period starts on the year's first day, and everything is clipped to the year.
 */
export function presetPeriods(preset: PeriodPreset, year: DateRange): PeriodDraft[] {
  const spec = PRESETS[preset];
  const first = yearOf(year.startsOn);
  return spec.parts.flatMap(([from, fromOffset, to, toOffset], index) => {
    const startsOn = index === 0 ? year.startsOn : `${first + fromOffset}-${from}`;
    const range = clipRange({ startsOn, endsOn: `${first + toOffset}-${to}` }, year);
    if (!range) return [];
    return [{ ...range, name: NAMES[preset][index]!, kind: spec.kind, gradeFrom: spec.gradeFrom, gradeTo: spec.gradeTo }];
  });
}

/** «2025/2026» → «2026/2027»; any other name gets the next start year. */
export function nextYearName(name: string, startsOn: string): string {
  const m = /^(\d{4})\s*[/–-]\s*(\d{4})$/.exec(name.trim());
  if (m) return `${Number(m[1]) + 1}/${Number(m[2]) + 1}`;
  const y = yearOf(startsOn) + 1;
  return `${y}/${y + 1}`;
}

/** What the rollover form offers for the year after `year`: the same dates a year later, starting after it ends. */
export function nextYearDefaults(year: { name: string } & DateRange): { name: string } & DateRange {
  let startsOn = addYears(year.startsOn, 1);
  if (startsOn <= year.endsOn) startsOn = addDays(year.endsOn, 1);
  let endsOn = addYears(year.endsOn, 1);
  if (endsOn <= startsOn) endsOn = addDays(addYears(startsOn, 1), -1);
  return { name: nextYearName(year.name, year.startsOn), startsOn, endsOn };
}

/** 45-minute lessons from 08:30 with 10- and 20-minute breaks. */
export const STANDARD_BELLS = [
  { lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' },
  { lessonNumber: 2, startsAt: '09:25', endsAt: '10:10' },
  { lessonNumber: 3, startsAt: '10:30', endsAt: '11:15' },
  { lessonNumber: 4, startsAt: '11:35', endsAt: '12:20' },
  { lessonNumber: 5, startsAt: '12:30', endsAt: '13:15' },
  { lessonNumber: 6, startsAt: '13:25', endsAt: '14:10' },
];

/** The date a class roster is read on: today inside the year, else the nearest end of it. */
export function rosterDate(today: string, year: DateRange): string {
  if (today < year.startsOn) return year.startsOn;
  if (today > year.endsOn) return year.endsOn;
  return today;
}
