import type { Me } from '../../../shared/contract/auth.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { useMe } from '../../api/auth.ts';
import { todayIso } from '../diary/dates.ts';
import { classroomAccess } from './access.ts';
import { useClasses, useSchool, useYears } from './api.ts';
import { classesOf } from './model.ts';

/** The classes of the current year a person may open on the class screens, and what the web offers him there. */
export function useClassList(schoolId: string) {
  const me = useMe().data as Me;
  const access = classroomAccess(me, schoolId);
  const college = useSchool(schoolId).data?.kind === 'college';
  const years = useYears(schoolId);
  const year = currentYear(years.data ?? [], todayIso());
  const classes = useClasses(schoolId, year?.id);
  const list = classesOf(classes.data ?? [], access.staffIds, access.wholeSchool);
  return { access, college, years, year, classes, list, error: years.error ?? classes.error };
}
