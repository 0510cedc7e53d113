import type { AcademicYear } from '../../../../../shared/contract/calendar.ts';
import type { School } from '../../../../../shared/contract/organisation.ts';

export const STEP_KEYS = ['year', 'holidays', 'bells', 'subjects', 'staff', 'classes', 'students', 'load', 'timetable'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** What every step of the wizard gets: the school, its years and the year being set up. */
export type StepProps = {
  schoolId: string;
  school: School;
  years: AcademicYear[];
  year: AcademicYear | undefined;
  selectYear: (id: string) => void;
};

/** A step that needs a year receives it (SetupPage shows a hint instead when there is none). */
export type YearStepProps = StepProps & { year: AcademicYear };

/** Grade options 1–11 (a college: courses 1–4) for selects. */
export const gradeOptions = (college: boolean, withEmpty?: string) => [
  ...(withEmpty !== undefined ? [{ value: '', label: withEmpty }] : []),
  ...Array.from({ length: college ? 4 : 11 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
];

export const band = (from: number | null, to: number | null, all: string) =>
  from === null && to === null ? all : from === to ? String(from) : `${from ?? 1}–${to ?? 12}`;

/** 'YYYY-MM-DD' → '01.09.2025'. */
export const ruDate = (date: string | null) => (date ? `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}` : '—');

/** Options of a required reference: a «choose» placeholder first, so nothing is picked by accident. */
export const pickOptions = <T,>(items: T[], value: (item: T) => string, label: (item: T) => string, placeholder: string) => [
  { value: '', label: placeholder },
  ...items.map((item) => ({ value: value(item), label: label(item) })),
];
