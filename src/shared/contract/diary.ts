import { ZDate, ZId, ZTime, ZTimestamp } from './common.ts';
import { ATTENDANCE_CODES, LESSON_STATUSES, MARK_SCALES, PERIOD_MARK_VALUES } from './enums.ts';
import { ZExplanation } from './grading.ts';
import { z } from './zod.ts';

// The diary (дневник): what a student and their guardians read. Read-only; no writes here.

export const ZDiaryParams = z.object({ schoolId: ZId, studentId: ZId });
export const ZDiaryWeekQuery = z.object({ date: ZDate });
export const ZDiaryMarksQuery = z.object({ periodId: ZId });
export const ZDiaryFinalMarksQuery = z.object({ academicYearId: ZId });

export const ZDiaryAttachment = z.object({ id: ZId, fileName: z.string(), size: z.number().int(), url: z.string() });

export const ZDiaryHomework = z.object({
  id: ZId,
  /** The lesson it was set in, and the one it is due for (null = due date only). */
  lessonId: ZId,
  dueLessonId: ZId.nullable(),
  dueDate: ZDate,
  subjectName: z.string(),
  text: z.string(),
  pages: z.string(),
  tasks: z.string(),
  expectedMinutes: z.number().int().nullable(),
  individual: z.boolean(),
  attachments: z.array(ZDiaryAttachment),
});

export const ZDiaryMark = z.object({
  id: ZId,
  lessonId: ZId,
  value: z.string(),
  scale: z.enum(MARK_SCALES),
  workType: z.object({ id: ZId, name: z.string() }),
  weight: z.number(),
  comment: z.string(),
  date: ZDate,
  at: ZTimestamp,
});

export const ZDiaryLesson = z.object({
  id: ZId,
  date: ZDate,
  lessonNumber: z.number().int(),
  startsAt: ZTime.nullable(),
  endsAt: ZTime.nullable(),
  subject: z.object({ id: ZId, name: z.string() }),
  /** Short name of whoever takes the lesson: the substitute's when substituted. */
  teacher: z.string(),
  substituted: z.boolean(),
  status: z.enum(LESSON_STATUSES),
  originalDate: ZDate.nullable(),
  topic: z.string(),
  homeworkDue: z.array(ZDiaryHomework),
  homeworkSet: z.array(ZDiaryHomework),
  marks: z.array(ZDiaryMark),
  attendance: z.object({ code: z.enum(ATTENDANCE_CODES), reason: z.string() }).nullable(),
  /**
   * Seed 003, 4.4: a record of this lesson (the student's mark or attendance, the topic, homework)
   * was made by a login reported compromised; it shows its value from before, «на проверке».
   */
  underReview: z.boolean(),
});

export const ZDiaryDay = z.object({
  date: ZDate,
  lessons: z.array(ZDiaryLesson),
  /** Homework due that day that names no lesson of the day. */
  homeworkDue: z.array(ZDiaryHomework),
});

export const ZDiaryWeek = z.object({ studentId: ZId, from: ZDate, to: ZDate, days: z.array(ZDiaryDay) });

const ZPeriodRef = z.object({ id: ZId, name: z.string(), startsOn: ZDate, endsOn: ZDate });

export const ZDiarySubjectMarks = z.object({
  subject: z.object({ id: ZId, name: z.string() }),
  marks: z.array(ZDiaryMark),
  weightedMean: z.number().nullable(),
  /**
   * The grading policy's forecast and why, as a code with numbers. A forecast, not a verdict: never
   * «Н/А» (value null then; the reason says how many marks there are of the minimum, or that the
   * written work is missing).
   */
  suggestion: z.object({ value: z.string().nullable(), reason: ZExplanation }),
  periodMark: z.enum(PERIOD_MARK_VALUES).nullable(),
});

export const ZDiaryMarks = z.object({ studentId: ZId, period: ZPeriodRef, subjects: z.array(ZDiarySubjectMarks) });

export const ZDiaryFinalMarks = z.object({
  studentId: ZId,
  academicYearId: ZId,
  periods: z.array(ZPeriodRef),
  subjects: z.array(z.object({
    subject: z.object({ id: ZId, name: z.string() }),
    periodMarks: z.array(z.object({ periodId: ZId, value: z.enum(PERIOD_MARK_VALUES) })),
    yearMark: z.enum(PERIOD_MARK_VALUES).nullable(),
    /** Seed 002, 4.3.11: экзаменационная and итоговая marks where the grade or programme has them. */
    examMark: z.enum(PERIOD_MARK_VALUES).nullable(),
    finalMark: z.enum(PERIOD_MARK_VALUES).nullable(),
  })),
});

/** `GET /me/diary-students`: whose diary the actor may open, for the web's child switcher. */
export const ZDiaryStudent = z.object({
  schoolId: ZId,
  schoolName: z.string(),
  studentId: ZId,
  fullName: z.string(),
  shortName: z.string(),
  className: z.string().nullable(),
  /** The class today (the weekly sheet is printed through it); null out of any class. */
  classId: ZId.nullable(),
  /** `self` for a student's own diary, `child` for a guardian's child. */
  relation: z.enum(['self', 'child']),
});
export const ZDiaryStudents = z.object({ items: z.array(ZDiaryStudent) });

/** The `data` of an SSE `change` event: the open diary re-fetches what it shows. */
export const ZDiaryChangeEvent = z.object({ kind: z.string(), lessonId: ZId.nullable(), at: ZTimestamp });

export type DiaryWeek = z.infer<typeof ZDiaryWeek>;
export type DiaryDay = z.infer<typeof ZDiaryDay>;
export type DiaryLesson = z.infer<typeof ZDiaryLesson>;
export type DiaryHomework = z.infer<typeof ZDiaryHomework>;
export type DiaryMark = z.infer<typeof ZDiaryMark>;
export type DiaryMarks = z.infer<typeof ZDiaryMarks>;
export type DiarySubjectMarks = z.infer<typeof ZDiarySubjectMarks>;
export type DiaryFinalMarks = z.infer<typeof ZDiaryFinalMarks>;
export type DiaryStudent = z.infer<typeof ZDiaryStudent>;
export type DiaryChangeEvent = z.infer<typeof ZDiaryChangeEvent>;
