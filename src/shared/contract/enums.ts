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
