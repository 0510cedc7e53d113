import { describe, expect, it } from 'vitest';
import { auditVerifyJob } from './auditVerify.ts';
import { JOBS } from './registry.ts';
import { assertPattern, isTimeZone, latestSlot, nextSlot, retryDue } from './schedule.ts';

const SUNDAY_3AM = '0 3 * * 0';
const d = (iso: string) => new Date(iso);

describe('slots in the school\'s own time zone', () => {
  it('puts Sunday 03:00 at 00:00 UTC in Moscow and at 15:00 UTC on Saturday in Kamchatka', () => {
    const now = d('2026-12-09T12:00:00Z'); // a Wednesday
    expect(latestSlot(SUNDAY_3AM, 'Europe/Moscow', now)).toEqual(d('2026-12-06T00:00:00Z'));
    expect(latestSlot(SUNDAY_3AM, 'Asia/Kamchatka', now)).toEqual(d('2026-12-05T15:00:00Z'));
    expect(latestSlot(SUNDAY_3AM, 'Europe/Kaliningrad', now)).toEqual(d('2026-12-06T01:00:00Z'));
    expect(nextSlot(SUNDAY_3AM, 'Europe/Moscow', now)).toEqual(d('2026-12-13T00:00:00Z'));
  });

  it('counts a slot exactly at the present moment as due, and the one a second later as next', () => {
    const slot = d('2026-12-06T00:00:00Z');
    expect(latestSlot(SUNDAY_3AM, 'Europe/Moscow', slot)).toEqual(slot);
    expect(latestSlot(SUNDAY_3AM, 'Europe/Moscow', d('2026-12-05T23:59:59Z'))).toEqual(d('2026-11-29T00:00:00Z'));
    expect(nextSlot(SUNDAY_3AM, 'Europe/Moscow', d('2026-12-05T23:59:59Z'))).toEqual(slot);
  });

  it('follows a daylight-saving change in a zone that has one', () => {
    // Berlin moves to summer time at 02:00 on 29 March 2026: 03:00 that day is 01:00 UTC, not 02:00.
    expect(latestSlot('0 3 * * *', 'Europe/Berlin', d('2026-03-29T12:00:00Z'))).toEqual(d('2026-03-29T01:00:00Z'));
    expect(latestSlot('0 3 * * *', 'Europe/Berlin', d('2026-03-28T12:00:00Z'))).toEqual(d('2026-03-28T02:00:00Z'));
  });

  it('tells a real time zone from a misspelt one', () => {
    expect(isTimeZone('Asia/Barnaul')).toBe(true);
    expect(isTimeZone('Europe/Moskva')).toBe(false);
  });
});

describe('the job list', () => {
  it('gives every job a unique kebab-case name and a schedule croner reads', () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of JOBS) {
      expect(job.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(() => assertPattern(job.schedule)).not.toThrow();
    }
    expect(() => assertPattern('0 25 * * *')).toThrow();
  });

  it('checks the audit chain of each school weekly, on Sunday at 03:00 school time', () => {
    expect(auditVerifyJob).toMatchObject({ name: 'audit-verify', scope: 'school', schedule: SUNDAY_3AM });
  });
});

describe('retry backoff', () => {
  const policy = { attempts: 3, delaysMs: [60_000, 600_000] };
  const failedAt = d('2026-12-06T00:00:00Z');

  it('waits the first delay before the second attempt and the second delay before the third', () => {
    expect(retryDue(policy, 1, failedAt, d('2026-12-06T00:00:59Z'))).toBe(false);
    expect(retryDue(policy, 1, failedAt, d('2026-12-06T00:01:00Z'))).toBe(true);
    expect(retryDue(policy, 2, failedAt, d('2026-12-06T00:09:59Z'))).toBe(false);
    expect(retryDue(policy, 2, failedAt, d('2026-12-06T00:10:00Z'))).toBe(true);
  });

  it('never retries past the last attempt', () => {
    expect(retryDue(policy, 3, failedAt, d('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
