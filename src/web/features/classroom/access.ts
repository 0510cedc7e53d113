import type { Me } from '../../../shared/contract/auth.ts';
import { staffIdsOf } from '../../../shared/domain/roles.ts';

const WHOLE_SCHOOL = new Set(['admin', 'director', 'deputy']);

/** What the web offers a person in a school's class screens (the server still checks each request). */
export function classroomAccess(me: Me, schoolId: string) {
  const roles = me.roles.filter((r) => r.schoolId === schoolId);
  const may = new Set(me.permissions[schoolId] ?? []);
  return {
    wholeSchool: roles.some((r) => WHOLE_SCHOOL.has(r.role)),
    staffIds: staffIdsOf(me.roles, schoolId),
    canConfirm: may.has('attendance.confirm'),
    canIssue: may.has('activation.issue'),
    canEdit: may.has('student.update'),
    canCheckData: may.has('class.dataCheck'),
  };
}
