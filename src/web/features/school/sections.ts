import type { Me } from '../../../shared/contract/auth.ts';
import { reportsFor } from '../reports/catalogue.ts';

export type SchoolSection = { key: string; path: string };

/**
 * The screens of one school a person is offered, from their roles and the permissions the
 * server reports in `/me` (the server still checks every request).
 */
export function schoolSections(me: Me, schoolId: string): SchoolSection[] {
  const roles = new Set(me.roles.filter((r) => r.schoolId === schoolId).map((r) => r.role));
  const may = new Set(me.permissions[schoolId] ?? []);
  const sections: SchoolSection[] = [];
  const add = (key: string, path: string, allowed: boolean) => {
    if (allowed) sections.push({ key, path });
  };
  add('today', 'today', roles.has('teacher'));
  add('journal', 'journal', may.has('journal.read'));
  add('classroom', 'class', roles.has('teacher') || may.has('attendance.confirm'));
  add('control', 'control', may.has('control.read'));
  // One entry for every report: the hub lists those the person may open (reports/catalogue.ts).
  add('reports', 'reports', reportsFor(me, schoolId).length > 0);
  add('myControl', 'my-control', may.has('control.readOwn') && roles.has('teacher'));
  add('periods', 'periods', may.has('period.close') || may.has('period.reopen'));
  add('exams', 'exams', may.has('examSubject.write'));
  add('audit', 'audit', may.has('audit.read'));
  add('setup', 'setup', may.has('calendar.write'));
  add('accounts', 'accounts', may.has('account.read'));
  add('security', 'security', may.has('security.read'));
  add('compromise', 'compromise', may.has('compromise.review'));
  add('backups', 'backups', may.has('backup.manage'));
  return sections;
}

/** Where a staff member lands in a school: the first section they may open. */
export function schoolHome(me: Me, schoolId: string): string | null {
  const first = schoolSections(me, schoolId)[0];
  return first ? `/school/${schoolId}/${first.path}` : null;
}
