/**
 * Seed 001, 3.3: the class teacher (curator) keeps the students' data current. The class's
 * personal data is checked at least once a month; past a month (or never checked) the class page
 * reminds them.
 */

/** The same day `months` later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day the next check is due: a month after the last one. */
export const nextDataCheckOn = (lastCheckedOn: string) => addMonths(lastCheckedOn, 1);

/** Whether the class page reminds the class teacher: never checked, or a month has passed (on the day it comes round). */
export const isDataCheckDue = (lastCheckedOn: string | null, today: string): boolean =>
  lastCheckedOn === null || today >= nextDataCheckOn(lastCheckedOn);
