/** School dates are `YYYY-MM-DD` strings; arithmetic on them in UTC so no time zone shifts a day. */
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function todayIso(): string {
  const now = new Date();
  return toIso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

export const isIsoDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toDate(value).getTime());

export function addDays(iso: string, days: number): string {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

export function mondayOf(iso: string): string {
  const day = toDate(iso).getUTCDay();
  return addDays(iso, -((day + 6) % 7));
}

export const formatDay = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(toDate(iso));

export const formatShort = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(toDate(iso));

const compact = new Map<string, Intl.DateTimeFormat>();
/** «8 сент.»: a date in a table cell. */
export function formatCompact(iso: string, language: string) {
  let format = compact.get(language);
  if (!format) compact.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format.format(toDate(iso));
}
