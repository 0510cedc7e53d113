/**
 * Which copies of one destination retention deletes (seed 004 §5.1: weekly copies and monthly
 * archives). Pure. Every copy younger than `keepWeeks` weeks is kept; of older ones, the first
 * copy of each calendar month (in `timeZone`) is that month's archive and is kept for `keepMonths`
 * months; the newest copy is always kept, whatever its age, so a stopped schedule never empties
 * a destination.
 */
export type RetentionPolicy = { keepWeeks: number; keepMonths: number; timeZone: string };
export type KeptCopy = { id: string; madeAt: Date };

const WEEK_MS = 7 * 24 * 3600_000;

/** Months since year 0 of the local calendar month of `instant`. */
function monthIndex(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return value('year') * 12 + value('month') - 1;
}

export function copiesToDelete(copies: readonly KeptCopy[], now: Date, policy: RetentionPolicy): string[] {
  if (copies.length === 0) return [];
  const byAge = [...copies].sort((a, b) => a.madeAt.getTime() - b.madeAt.getTime());
  const newest = byAge.at(-1)!;
  const monthly = new Map<number, KeptCopy>();
  for (const copy of byAge) {
    const month = monthIndex(copy.madeAt, policy.timeZone);
    if (!monthly.has(month)) monthly.set(month, copy);
  }
  const currentMonth = monthIndex(now, policy.timeZone);
  const kept = (copy: KeptCopy) => {
    if (copy === newest) return true;
    if (now.getTime() - copy.madeAt.getTime() < policy.keepWeeks * WEEK_MS) return true;
    const month = monthIndex(copy.madeAt, policy.timeZone);
    return monthly.get(month) === copy && currentMonth - month < policy.keepMonths;
  };
  return byAge.filter((copy) => !kept(copy)).map((copy) => copy.id);
}
