import { describe, expect, it } from 'vitest';
import { localDate } from './calendar.ts';
import {
  fewMarksDue, hasFewMarks, isAttendanceMissing, isHomeworkLate, isPeriodMarkMissing, isTopicMissing, lateMarkKind, periodMarkDeadline, zonedInstant,
} from './compliance.ts';

const barnaul = 'Asia/Barnaul'; // UTC+7, no daylight saving

describe('time zones', () => {
  it('turns a school-local date and time into the instant it happens', () => {
    expect(zonedInstant('2025-09-08', '09:15', barnaul).toISOString()).toBe('2025-09-08T02:15:00.000Z');
    expect(zonedInstant('2025-09-08', '09:15:00', 'Europe/Moscow').toISOString()).toBe('2025-09-08T06:15:00.000Z');
    expect(zonedInstant('2025-09-08', '00:30', 'UTC').toISOString()).toBe('2025-09-08T00:30:00.000Z');
  });

  it('follows a daylight-saving change where the zone has one', () => {
    expect(zonedInstant('2025-03-28', '10:00', 'Europe/Berlin').toISOString()).toBe('2025-03-28T09:00:00.000Z');
    expect(zonedInstant('2025-03-31', '10:00', 'Europe/Berlin').toISOString()).toBe('2025-03-31T08:00:00.000Z');
  });

  it('gives the school-local date of an instant', () => {
    expect(localDate(new Date('2025-09-08T16:59:59Z'), barnaul)).toBe('2025-09-08');
    expect(localDate(new Date('2025-09-08T17:00:00Z'), barnaul)).toBe('2025-09-09');
  });
});

describe('homework_late (seed 003, 2.7)', () => {
  const fact = (enteredAt: string) => ({ lessonDate: '2025-09-08', lessonEndsAt: '09:15:00', enteredAt: new Date(enteredAt), timeZone: barnaul });

  it('keeps homework entered during the lesson or up to exactly 1.5 hours after it', () => {
    expect(isHomeworkLate(fact('2025-09-08T02:00:00Z'))).toBe(false);
    expect(isHomeworkLate(fact('2025-09-08T03:45:00Z'))).toBe(false);
  });

  it('flags homework entered more than 1.5 hours after the lesson ended', () => {
    expect(isHomeworkLate(fact('2025-09-08T03:45:01Z'))).toBe(true);
    expect(isHomeworkLate(fact('2025-09-09T01:00:00Z'))).toBe(true);
  });
});

describe('mark_late (seed 003, 2.5) and written_mark_late (seed 002, 4.4.2)', () => {
  const mark = (enteredAt: string, written = false) => lateMarkKind({ lessonDate: '2025-09-08', enteredAt: new Date(enteredAt), timeZone: barnaul, written });

  it('keeps a mark entered on the lesson\'s school-local day, even late in the evening', () => {
    expect(mark('2025-09-08T02:00:00Z')).toBeNull();
    expect(mark('2025-09-08T16:59:59Z')).toBeNull();
  });

  it('flags a mark entered after the lesson\'s day', () => {
    expect(mark('2025-09-08T17:00:00Z')).toBe('mark_late');
  });

  it('gives a written work\'s mark seven days, flagging it from the eighth', () => {
    expect(mark('2025-09-10T05:00:00Z', true)).toBeNull();
    expect(mark('2025-09-15T16:59:59Z', true)).toBeNull();
    expect(mark('2025-09-15T17:00:00Z', true)).toBe('written_mark_late');
  });
});

describe('topic_missing', () => {
  const lesson = (fields: Partial<{ lessonDate: string; status: string; topic: string }>) =>
    isTopicMissing({ lessonDate: '2025-09-08', status: 'scheduled', topic: '', today: '2025-09-09', ...fields });

  it('flags a past lesson held without a topic, blank or whitespace', () => {
    expect(lesson({})).toBe(true);
    expect(lesson({ topic: '   ' })).toBe(true);
    expect(lesson({ status: 'moved' })).toBe(true);
  });

  it('leaves today\'s lessons, cancelled lessons and lessons with a topic alone', () => {
    expect(lesson({ lessonDate: '2025-09-09' })).toBe(false);
    expect(lesson({ status: 'cancelled' })).toBe(false);
    expect(lesson({ topic: 'Дроби' })).toBe(false);
  });
});

describe('few_marks (seed 001, 5.2–5.3)', () => {
  it('puts the period-mark deadline two days before the period ends', () => {
    expect(periodMarkDeadline('2025-10-24')).toBe('2025-10-22');
  });

  it('applies from seven days before the deadline, and after it', () => {
    expect(fewMarksDue('2025-10-24', '2025-10-14')).toBe(false);
    expect(fewMarksDue('2025-10-24', '2025-10-15')).toBe(true);
    expect(fewMarksDue('2025-10-24', '2025-11-30')).toBe(true);
  });

  it('flags fewer marks than the minimum, not the minimum itself', () => {
    const fact = { minMarks: 3, periodEndsOn: '2025-10-24', today: '2025-10-20' };
    expect(hasFewMarks({ ...fact, marks: 2 })).toBe(true);
    expect(hasFewMarks({ ...fact, marks: 0 })).toBe(true);
    expect(hasFewMarks({ ...fact, marks: 3 })).toBe(false);
    expect(hasFewMarks({ ...fact, marks: 0, today: '2025-10-01' })).toBe(false);
  });

  it('flags enough marks without the written or control works the policy requires (seed 001, 5.2)', () => {
    const fact = { minMarks: 3, minWrittenMarks: 1, periodEndsOn: '2025-10-24', today: '2025-10-20' };
    expect(hasFewMarks({ ...fact, marks: 4, writtenMarks: 0 })).toBe(true);
    expect(hasFewMarks({ ...fact, marks: 4, writtenMarks: 1 })).toBe(false);
    expect(hasFewMarks({ ...fact, marks: 2, writtenMarks: 1 })).toBe(true);
    expect(hasFewMarks({ ...fact, marks: 3, writtenMarks: 1, minWrittenMarks: 2 })).toBe(true);
    // Only within the same window as the minimum itself.
    expect(hasFewMarks({ ...fact, marks: 4, writtenMarks: 0, today: '2025-10-14' })).toBe(false);
    // No requirement (absent or 0): written works do not matter.
    expect(hasFewMarks({ ...fact, marks: 3, writtenMarks: 0, minWrittenMarks: 0 })).toBe(false);
    expect(hasFewMarks({ minMarks: 3, marks: 3, periodEndsOn: '2025-10-24', today: '2025-10-20' })).toBe(false);
  });
});

describe('attendance_missing (seed 003, 2.5)', () => {
  const lesson = (fields: Partial<{ lessonDate: string; status: string; today: string; takenAt: string | null }>) => {
    const { takenAt = null, ...rest } = fields;
    return isAttendanceMissing({
      lessonDate: '2025-09-08', status: 'scheduled', today: '2025-09-09', timeZone: barnaul, ...rest, takenAt: takenAt === null ? null : new Date(takenAt),
    });
  };

  it('flags a lesson held on a past day whose attendance was never taken, moved lessons included', () => {
    expect(lesson({})).toBe(true);
    expect(lesson({ status: 'moved' })).toBe(true);
    expect(lesson({ today: '2025-10-01' })).toBe(true);
  });

  it('keeps a lesson whose attendance was taken on its school-local day, even late in the evening', () => {
    expect(lesson({ takenAt: '2025-09-08T02:00:00Z' })).toBe(false);
    expect(lesson({ takenAt: '2025-09-08T16:59:59Z' })).toBe(false);
  });

  it('flags attendance taken only after the lesson\'s day', () => {
    expect(lesson({ takenAt: '2025-09-08T17:00:00Z' })).toBe(true);
    expect(lesson({ takenAt: '2025-09-10T03:00:00Z', today: '2025-09-12' })).toBe(true);
  });

  it('waits until the lesson\'s day has ended, and leaves cancelled lessons alone', () => {
    expect(lesson({ today: '2025-09-08' })).toBe(false);
    expect(lesson({ lessonDate: '2025-09-10' })).toBe(false);
    expect(lesson({ status: 'cancelled' })).toBe(false);
  });
});

describe('period_mark_missing (seed 001, 5.3)', () => {
  const fact = (today: string, hasMark = false) => isPeriodMarkMissing({ periodEndsOn: '2025-10-24', today, hasMark });

  it('leaves a missing period mark alone up to and on the deadline, two days before the period ends', () => {
    expect(fact('2025-10-01')).toBe(false);
    expect(fact('2025-10-22')).toBe(false);
  });

  it('flags it from the day after the deadline, also after the period has ended', () => {
    expect(fact('2025-10-23')).toBe(true);
    expect(fact('2025-11-30')).toBe(true);
  });

  it('never flags a period mark that is set', () => {
    expect(fact('2025-10-23', true)).toBe(false);
  });
});
