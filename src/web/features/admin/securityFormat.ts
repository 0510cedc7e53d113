export { deviceOf } from '../../../shared/domain/device.ts';

/** The details of an event worth a line, as `key: value` pairs (ids — `…Id`, `by` — and nested lists left out). */
export function detailPairs(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([key, value]) => value !== null && value !== undefined && value !== '' && typeof value !== 'object'
      && key !== 'by' && key !== 'reportedBy' && !key.endsWith('Id'))
    .map(([key, value]) => [key, String(value)]);
}

/**
 * A school-local day range as the API's `from`/`to` instants: from the start of `fromDay` to the
 * start of the day after `toDay`, in the browser's time zone (the administrator's own clock).
 */
export function dayRange(fromDay: string | null, toDay: string | null): { from?: string; to?: string } {
  const start = (day: string) => new Date(`${day}T00:00:00`);
  const range: { from?: string; to?: string } = {};
  if (fromDay) range.from = start(fromDay).toISOString();
  if (toDay) {
    const end = start(toDay);
    end.setDate(end.getDate() + 1);
    range.to = end.toISOString();
  }
  return range;
}

/** `datetime-local` value ('2025-09-10T09:30') → ISO instant; null when empty or not a time. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An instant → `datetime-local` value in the browser's zone, minutes precision. */
export function isoToLocalInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
