import { ZDate, ZId } from './common.ts';
import { ZLinkedGuardian, ZStudent } from './people.ts';
import { z } from './zod.ts';

/*
 * The class teacher's / curator's screens (seed 002, 4.3; seed 004, 5.3): the class overview of
 * every subject's marks and absences, and the class roster with guardians' contacts.
 */

export const ZClassOverviewQuery = z.object({
  /** A period of the class's year that applies to its grade; by default the one holding today (else the nearest). */
  periodId: ZId.optional(),
});

const ZOverviewPeriod = z.object({ id: ZId, name: z.string(), startsOn: ZDate, endsOn: ZDate });

export const ZClassOverview = z.object({
  class: z.object({ id: ZId, name: z.string(), grade: z.number().int(), academicYearId: ZId }),
  /** The periods of the class's year for its grade, in date order. */
  periods: z.array(ZOverviewPeriod),
  period: ZOverviewPeriod,
  /** Everyone in the class at any time in the period, sorted by ФИО; `left` when no longer in it at the period's end. */
  students: z.array(z.object({ id: ZId, name: z.string(), shortName: z.string(), left: z.boolean() })),
  /** Subjects with lessons for the class's students in the period, by name. */
  subjects: z.array(z.object({ id: ZId, name: z.string() })),
  /** One per student × subject with anything to show. */
  cells: z.array(z.object({
    studentId: ZId,
    subjectId: ZId,
    /** Current five-point marks counted in the mean. */
    count: z.number().int(),
    /** Weighted mean (src/shared/domain/grading.ts), truncated to hundredths; null without marks. */
    mean: z.number().nullable(),
    /** Required control works without a mark (долги). */
    debts: z.number().int(),
    /** The period mark, when set. */
    periodMark: z.string().nullable(),
  })),
  /** Absences per student in the period: counts per code and lessons missed (н, б, у). */
  absences: z.array(z.object({
    studentId: ZId,
    absent: z.number().int(),
    ill: z.number().int(),
    excused: z.number().int(),
    late: z.number().int(),
    missedLessons: z.number().int(),
  })),
  /**
   * Seed 002, 4.3.11; 003, 2.9: the year's marks of the class's students per subject — the year mark
   * and, where the grade or programme has them, the exam and the final mark.
   */
  yearMarks: z.object({
    subjects: z.array(z.object({ id: ZId, name: z.string() })),
    items: z.array(z.object({
      studentId: ZId, subjectId: ZId, year: z.string().nullable(), exam: z.string().nullable(), final: z.string().nullable(),
    })),
  }),
});
export type ClassOverview = z.infer<typeof ZClassOverview>;

/** The class's students today with their guardians; `hasAccount`: the person has signed up (activated a code). */
export const ZClassRoster = z.object({
  items: z.array(z.object({
    student: ZStudent.extend({ hasAccount: z.boolean() }),
    guardians: z.array(ZLinkedGuardian.extend({ hasAccount: z.boolean() })),
  })),
});
export type ClassRoster = z.infer<typeof ZClassRoster>;

/**
 * Seed 001, 3.3: the class's personal data checked by its class teacher (curator), monthly. The
 * last check and whether the next is due (a month has passed, or never checked).
 */
export const ZDataCheck = z.object({
  id: z.string(),
  checkedOn: z.string(),
  checkedAt: z.string(),
  checkedByName: z.string(),
});

export const ZDataChecks = z.object({
  today: z.string(),
  last: ZDataCheck.nullable(),
  /** The day the next check is due (null: never checked, due now). */
  nextOn: z.string().nullable(),
  due: z.boolean(),
  /** The latest checks, newest first (at most 12). */
  items: z.array(ZDataCheck),
});

export type DataCheck = z.infer<typeof ZDataCheck>;
export type DataChecks = z.infer<typeof ZDataChecks>;
