import type { Me } from '../../../shared/contract/auth.ts';
import type { Role } from '../../../shared/contract/enums.ts';

/**
 * Who a report is for, as the server's access rule (src/server/policy/reports.ts) decides it:
 * - `classes`: the whole-school roles any class, a class teacher / curator / master his kept classes
 *   (a teacher keeping no class is refused, so he is not offered it);
 * - `school`: the whole-school roles only (deputy, director, admin);
 * - `teaching`: whoever holds the permission — the server narrows it to the groups he teaches.
 */
export type ReportAudience = 'classes' | 'school' | 'teaching';

/** One report of the hub «Отчёты»: its page under `/school/:schoolId/`, the action it needs, its audience. */
export type ReportEntry = { key: string; path: string; permission: string; audience: ReportAudience };

/**
 * Every report the hub offers, in the order shown; a new report is one line here (and its
 * `reports.hub.items.<key>` title and description in the locales).
 */
export const REPORTS: readonly ReportEntry[] = [
  { key: 'results', path: 'results', permission: 'report.read', audience: 'classes' },
  { key: 'summary', path: 'summary', permission: 'report.read', audience: 'classes' },
  { key: 'attendance', path: 'attendance-report', permission: 'report.read', audience: 'classes' },
  { key: 'forecast', path: 'forecast', permission: 'report.read', audience: 'classes' },
  // Any teacher his own report, the administration any teacher's (the server checks whose).
  { key: 'teacherReport', path: 'teacher-report', permission: 'report.read', audience: 'teaching' },
  // The табель: a teacher his own month, the administration every teacher's.
  { key: 'timesheet', path: 'timesheet', permission: 'timesheet.read', audience: 'teaching' },
  { key: 'controlFigures', path: 'control-figures', permission: 'control.read', audience: 'school' },
];

/** The roles that see every class of a school (the server's WHOLE_SCHOOL_ROLES). */
const WHOLE_SCHOOL: readonly Role[] = ['admin', 'director', 'deputy'];

/** The reports of one school the person may open, from `/me` (the server still checks every request). */
export function reportsFor(me: Me, schoolId: string, catalogue: readonly ReportEntry[] = REPORTS): ReportEntry[] {
  const roles = me.roles.filter((r) => r.schoolId === schoolId).map((r) => r.role);
  const may = new Set(me.permissions[schoolId] ?? []);
  const wholeSchool = roles.some((role) => WHOLE_SCHOOL.includes(role));
  const keepsClass = (me.keptClassIds[schoolId]?.length ?? 0) > 0;
  return catalogue.filter((entry) => may.has(entry.permission) && (
    wholeSchool
    || (entry.audience === 'classes' && keepsClass)
    || (entry.audience === 'teaching' && roles.includes('teacher'))
  ));
}
