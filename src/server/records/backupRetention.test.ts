import { describe, expect, it } from 'vitest';
import { backupOverdue } from './backupHealth.ts';
import { copiesToDelete } from './backupRetention.ts';

const policy = { keepWeeks: 8, keepMonths: 60, timeZone: 'Europe/Moscow' };
const copy = (iso: string) => ({ id: iso, madeAt: new Date(iso) });
/** Sunday 02:00 Moscow (23:00 UTC on Saturday), every week from `from`, `weeks` times. */
const weekly = (from: string, weeks: number) =>
  Array.from({ length: weeks }, (_, i) => copy(new Date(new Date(from).getTime() + i * 7 * 86_400_000).toISOString()));

describe('retention: weekly copies for 8 weeks, monthly archives for 5 years', () => {
  it('keeps every copy younger than eight weeks', () => {
    const copies = weekly('2026-10-17T23:00:00.000Z', 8);
    expect(copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), policy)).toEqual([]);
  });

  it('deletes an older copy unless it is the first of its Moscow month', () => {
    const copies = weekly('2026-08-01T23:00:00.000Z', 19); // 2 August (Moscow) to 6 December
    const deleted = copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), policy);
    // Older than 8 weeks: 2 Aug … 11 Oct. Kept of those: 2 Aug, 6 Sep, 4 Oct (first of their months).
    expect(deleted).toEqual([
      '2026-08-08T23:00:00.000Z', '2026-08-15T23:00:00.000Z', '2026-08-22T23:00:00.000Z', '2026-08-29T23:00:00.000Z',
      '2026-09-12T23:00:00.000Z', '2026-09-19T23:00:00.000Z', '2026-09-26T23:00:00.000Z', '2026-10-10T23:00:00.000Z',
    ]);
  });

  it('reads the month in the deployment\'s time zone: 31 Jan 23:00 UTC is already February in Moscow', () => {
    const copies = [copy('2026-01-31T23:00:00.000Z'), copy('2026-02-07T23:00:00.000Z'), copy('2026-12-06T23:00:00.000Z')];
    expect(copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), policy)).toEqual(['2026-02-07T23:00:00.000Z']);
    expect(copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), { ...policy, timeZone: 'UTC' })).toEqual([]);
  });

  it('lets a monthly archive go after five years (December 2021 goes in December 2026, January 2022 stays), and keeps the newest copy whatever its age', () => {
    const copies = [copy('2021-11-06T23:00:00.000Z'), copy('2021-12-04T23:00:00.000Z'), copy('2022-01-01T23:00:00.000Z')];
    expect(copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), policy)).toEqual(['2021-11-06T23:00:00.000Z', '2021-12-04T23:00:00.000Z']);
    expect(copiesToDelete([copy('2020-01-01T00:00:00.000Z')], new Date('2026-12-07T12:00:00Z'), policy)).toEqual([]);
  });

  it('follows the settings: 2 weeks and 1 month', () => {
    const copies = weekly('2026-10-17T23:00:00.000Z', 8);
    expect(copiesToDelete(copies, new Date('2026-12-07T12:00:00Z'), { ...policy, keepWeeks: 2, keepMonths: 1 })).toEqual([
      '2026-10-17T23:00:00.000Z', '2026-10-24T23:00:00.000Z', '2026-10-31T23:00:00.000Z', '2026-11-07T23:00:00.000Z',
      '2026-11-14T23:00:00.000Z', '2026-11-21T23:00:00.000Z',
    ]);
  });
});

describe('a copy older than the weekly schedule promises', () => {
  const SUNDAY_2AM = '0 2 * * 0';
  const now = new Date('2026-12-09T12:00:00Z'); // Wednesday
  it('is overdue when there is none, or when the newest is more than a week and the grace old', () => {
    expect(backupOverdue(null, SUNDAY_2AM, 'Europe/Moscow', now)).toBe(true);
    expect(backupOverdue(new Date('2026-12-05T23:05:00Z'), SUNDAY_2AM, 'Europe/Moscow', now)).toBe(false);
    expect(backupOverdue(new Date('2026-12-02T08:00:00Z'), SUNDAY_2AM, 'Europe/Moscow', now)).toBe(false);
    expect(backupOverdue(new Date('2026-12-02T05:59:00Z'), SUNDAY_2AM, 'Europe/Moscow', now)).toBe(true);
  });
});
