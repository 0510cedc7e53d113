/** Closed value lists shared by the database checks, the API contract and the web. */
export const SCHOOL_KINDS = ['general', 'college'] as const;
export const YEAR_STATUSES = ['planning', 'open', 'closed', 'archived'] as const;
export const PERIOD_KINDS = ['quarter', 'trimester', 'half', 'semester'] as const;
export const HOLIDAY_KINDS = ['vacation', 'holiday'] as const;
export const SUBJECT_KINDS = ['subject', 'discipline', 'module', 'interdisciplinaryCourse'] as const;
export const GENDERS = ['male', 'female'] as const;
export const STAFF_POSITIONS = ['teacher', 'director', 'deputy', 'admin', 'master', 'other'] as const;
export const GUARDIAN_RELATIONS = ['mother', 'father', 'guardian', 'other'] as const;
/** How a stay in a class begins and ends; `promoted` is the yearly move to the next grade. */
export const ENROLMENT_START_EVENTS = ['admitted', 'transferred', 'promoted'] as const;
export const ENROLMENT_END_EVENTS = ['transferred', 'expelled', 'graduated', 'promoted'] as const;
export const GROUP_KINDS = ['class', 'subgroup', 'crossClass', 'extracurricular', 'additional'] as const;
export const ROLES = ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'] as const;
/** An audit entry records one row's insert, update or delete, or (bulk mode) one statement's row count. */
export const AUDIT_OPERATIONS = ['insert', 'update', 'delete', 'bulk'] as const;
/** A compromised login's change: void until the administrator reverts or confirms it (seed 003, 4.4). */
export const AUDIT_REVIEW_STATUSES = ['void', 'reverted', 'restored', 'confirmed'] as const;

export type SchoolKind = (typeof SCHOOL_KINDS)[number];
export type YearStatus = (typeof YEAR_STATUSES)[number];
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type Gender = (typeof GENDERS)[number];
export type StaffPosition = (typeof STAFF_POSITIONS)[number];
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
export type EnrolmentStartEvent = (typeof ENROLMENT_START_EVENTS)[number];
export type EnrolmentEndEvent = (typeof ENROLMENT_END_EVENTS)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];
export type AuditReviewStatus = (typeof AUDIT_REVIEW_STATUSES)[number];

export const WEEK_PARITIES = ['odd', 'even'] as const;
export const LESSON_KINDS = ['regular', 'extra'] as const;
export const LESSON_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
/** н — absent, б — ill, у — excused, оп — late. */
export const ATTENDANCE_CODES = ['absent', 'ill', 'excused', 'late'] as const;
export const MARK_SCALES = ['five', 'passFail', 'ten', 'hundred'] as const;
/** Final marks: 2–5, зачёт/незачёт, ОСВ (exempt), Н/А (not assessed). */
export const PERIOD_MARK_VALUES = ['2', '3', '4', '5', 'pass', 'fail', 'exempt', 'notAssessed'] as const;
export type WeekParity = (typeof WEEK_PARITIES)[number];
export type LessonKind = (typeof LESSON_KINDS)[number];
export type LessonStatus = (typeof LESSON_STATUSES)[number];
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];
export type MarkScale = (typeof MARK_SCALES)[number];
export type PeriodMarkValue = (typeof PERIOD_MARK_VALUES)[number];
