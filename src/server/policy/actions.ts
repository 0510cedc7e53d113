import type { Role } from '../../shared/contract/enums.ts';

/**
 * Every action a request can take, and the school roles that may take it.
 * An action missing here cannot be allowed: policy denies by default.
 * Roles outside WHOLE_SCHOOL_ROLES reach only the objects of their scope (policy/scope.ts): a
 * teacher, his groups and his class; a student, themself; a guardian, their own children. Where
 * an object decides beyond the role, the rule lives beside this list, one file per area
 * (journal.ts, lessons.ts, homework.ts, timetable.ts, grading.ts, accounts.ts, diary.ts).
 */
const STAFF_READERS: readonly Role[] = ['admin', 'director', 'deputy', 'teacher'];
const ADMIN: readonly Role[] = ['admin'];
const EVERYONE: readonly Role[] = ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'];

/** seed 000 §2, 004: the administrator, the director and the deputy see every object of their school. */
export const WHOLE_SCHOOL_ROLES: readonly Role[] = ['admin', 'director', 'deputy'];

export const SCHOOL_ACTIONS = {
  'school.read': ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'],
  'school.update': ADMIN,
  'calendar.read': ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'],
  'calendar.write': ADMIN,
  'structure.read': STAFF_READERS,
  'structure.write': ADMIN,
  'staff.read': STAFF_READERS,
  'staff.write': ADMIN,
  /** Scoped: a teacher reads his groups' and his class's students, a student themself, a guardian their children. */
  'student.read': EVERYONE,
  /** Personal data of a student: the admin, and a class teacher / curator / master for their own class (seed 004). */
  'student.update': ['admin', 'teacher'],
  /** Adding a student or deleting a record entered by mistake. */
  'student.write': ADMIN,
  /** Scoped: a class teacher reads the guardians of their class, a guardian their own record. */
  'guardian.read': ['admin', 'director', 'deputy', 'teacher', 'guardian'],
  'guardian.update': ['admin', 'teacher'],
  /** Adding or deleting a guardian, and linking one to a student (which opens the child's data to them). */
  'guardian.write': ADMIN,
  /** Scoped: a teacher reads the stays of the students he may read. */
  'enrolment.read': STAFF_READERS,
  'enrolment.write': ADMIN,
  /** Who is in a group: scoped, a teacher reads his groups and the groups of his class. */
  'groupMember.read': STAFF_READERS,
  'year.rollover': ADMIN,
  /** Issue 14: the signed archive of a closed year (every journal, the summaries, the year's audit log). */
  'year.archive': ADMIN,
  /** The school's security-event log (sign-ins, denials, role changes). */
  'security.read': ['admin', 'director'],
  /** The school's accounts: their roles, and ending their sessions. */
  'account.read': ADMIN,
  'account.write': ADMIN,
  /** Credential slips: the admin for anyone; a teacher only for their own class (narrowed in accounts.ts). */
  'activation.issue': ['admin', 'teacher'],
  /** The school's audit log (seed 003, 1.4): who changed what, when, from where, before and after. */
  'audit.read': ['admin', 'director', 'deputy'],
  /** Seed 003, 4.3: reported by the person themself, their class teacher or the admin (narrowed in accounts.ts). */
  'account.report_compromise': EVERYONE,
  /** The reports, and reverting a voided change that is not a journal record. */
  'compromise.review': ADMIN,
  /**
   * «Резервные копии» (seed 000: the administrator's duty): a copy holds every school of the
   * deployment, so a school's admin only where his school is the only one (policy/backups.ts);
   * the platform operator always.
   */
  'backup.manage': ADMIN,
  /**
   * Seed 003, 4.4: a journal change voided at once is restored (written back, one or all of a
   * lesson) or its voiding confirmed — by the school's administrator («руководитель ОО и служба
   * технической поддержки»), not by the director, the deputy, a teacher or a family.
   */
  'compromise.restore': ADMIN,
  'compromise.confirm': ADMIN,
  /**
   * A student's diary (week, marks, period and year marks, live changes). Scoped: the student
   * themself, their guardians, a teacher for the students he teaches or keeps as class teacher.
   */
  'diary.read': EVERYONE,
  /** Compliance flags of the journal (late homework and marks, missing topics, too few marks): the deputy's board. */
  'control.read': ['admin', 'director', 'deputy'],
  /** Seed 001, 6.2: a teacher reads his own flags and the deputy's remarks on them, never anyone else's. */
  'control.readOwn': ['teacher'],
  /** Seed 001, 4.3.2: the board of one class: the whole-school roles, and its class teacher / curator (scope.ts assertKeepsClass). */
  'control.readClass': ['admin', 'director', 'deputy', 'teacher'],
  /** Seed 001, 6.2: a remark on a flag, which the teacher then reads beside it. */
  'control.remark': ['admin', 'director', 'deputy'],
  /**
   * Seed 001, 3.3: marking the class's personal data as checked: its class teacher / curator
   * (assertKeepsClass), and the administrator, who keeps the school's records (seed 004).
   */
  'class.dataCheck': ['admin', 'teacher'],
  /** The weekly timetable: staff read all of it, a student or guardian their own (children's) groups (timetable.ts). */
  'timetable.read': EVERYONE,
  /** Timetable slots, lesson generation, substitutions; moving or cancelling any lesson. */
  'timetable.write': ['admin', 'deputy'],
  /**
   * Lessons and thematic plans: whole-school roles read all; a teacher his groups, his class's groups
   * and the lessons he substitutes; a student or guardian their (children's) groups (lessons.ts).
   */
  'lesson.read': EVERYONE,
  /**
   * Writing into the journal (seed 000 §2, 003 §2.3), decided per lesson in lessons.ts: the teacher
   * assigned the subject in the group, or the lesson's substitute. The whole-school roles read every
   * journal but never write one: they, and a teacher who only reads the group's journal, get 403
   * `journal.read_only`; anyone else 404. Marks and attendance: the lesson's cells.
   */
  'mark.write': ['teacher'],
  'attendance.write': ['teacher'],
  /** The lesson's topic, notes and work types, an extra lesson; moving or cancelling it (also `timetable.write`). */
  'lesson.write': ['teacher'],
  /** Homework and its files, set in a lesson. */
  'homework.write': ['teacher'],
  /** The thematic plan (КТП) of a subject in a group: only its assigned teacher. */
  'thematicPlan.write': ['teacher'],
  /** Lessons given, substituted and cancelled: a teacher only his own (narrowed in timetable.ts). */
  'timesheet.read': STAFF_READERS,
  /**
   * The journal of a group (seed 003, 2.4): admin, director and deputy read every one; a teacher the
   * groups he teaches and every group of his class (journal.ts).
   */
  'journal.read': STAFF_READERS,
  /**
   * Homework and its files: narrowed in homework.ts — staff as for the journal, a student the
   * homework of his groups (individual homework only its students), a guardian his children's.
   */
  'homework.read': EVERYONE,
  /** Виды работ and their weights. */
  'workType.read': STAFF_READERS,
  'workType.write': ADMIN,
  /** Seed 002, 4.3.8: the class teacher checks the week's absences of his class; the deputy and admin too. */
  'attendance.confirm': ['admin', 'deputy', 'teacher'],
  /** The grading policy explains every suggested period mark, so anyone of the school reads it. */
  'gradingPolicy.read': EVERYONE,
  'gradingPolicy.write': ['admin', 'deputy'],
  /** Period and year marks: a teacher for the groups and subjects assigned to him (grading.ts); read as the journal. */
  'periodMark.write': ['teacher'],
  /** «Принять предложенные»: preview and confirm, as `periodMark.write` (grading.ts). */
  'periodMark.accept': ['teacher'],
  /** Its undo: only the teacher who accepted, for a few minutes (grading.ts, ACCEPT_UNDO_MINUTES). */
  'periodMark.undo': ['teacher'],
  /** Seed 002, 4.3.11: which groups' subjects end with an examination (exam and final marks); the deputy plans it. */
  'examSubject.write': ['admin', 'deputy'],
  /** Seed 001, 4.4.1: closing a period locks its journal for teachers; the deputy reopens it. */
  'period.close': ['admin', 'director', 'deputy'],
  'period.reopen': ['director', 'deputy'],
  'periodClosure.read': STAFF_READERS,
  /**
   * Reports over the journal (issue 13; seed 001 §4.4.3, §7; 002 §7), such as итоги успеваемости:
   * the whole-school roles for every class; a class teacher / curator only his own classes (reports.ts).
   */
  'report.read': ['admin', 'director', 'deputy', 'teacher'],
} as const satisfies Record<string, readonly Role[]>;

/** Actions outside any one school: the organisation tree, held by platform operators. */
export const PLATFORM_ACTIONS = ['organisation.read', 'organisation.write'] as const;

/**
 * Actions on one municipality: its municipal operators (and platform operators) read its part of
 * the organisation tree and the list of its schools; never a school's people.
 */
export const MUNICIPAL_ACTIONS = ['municipality.read'] as const;

export type SchoolAction = keyof typeof SCHOOL_ACTIONS;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];
export type MunicipalAction = (typeof MUNICIPAL_ACTIONS)[number];
export type Action = SchoolAction | PlatformAction | MunicipalAction;

/** Every action, in one list: the matrix test iterates it, so a new action without a row fails. */
export const ALL_ACTIONS: readonly Action[] = [
  ...(Object.keys(SCHOOL_ACTIONS) as SchoolAction[]), ...PLATFORM_ACTIONS, ...MUNICIPAL_ACTIONS,
];
