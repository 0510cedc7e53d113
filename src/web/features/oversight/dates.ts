import { addDays } from '../../../shared/domain/calendar.ts';

/** «2026-11» → the first and the last day of the month. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

/** The Monday–Sunday week of a day. */
export function weekRange(day: string): { from: string; to: string } {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(day, -weekday);
  return { from, to: addDays(from, 6) };
}

/** 2026-11-01 → «01.11.2026» (ru) or «01/11/2026» (en). */
export const formatDate = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'ru-RU', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(`${iso}T00:00:00Z`));
