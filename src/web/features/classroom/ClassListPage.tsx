import { Alert, Anchor, NativeSelect, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { classroomAccess } from './access.ts';
import { useClasses, useSchool, useYears } from './api.ts';
import { classesOf } from './model.ts';
import './classroom.css';

/** `/school/:schoolId/class`: the classes a person keeps (or, for the school's managers, every class). */
export function ClassListPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data as Me;
  const access = classroomAccess(me, schoolId);
  const college = useSchool(schoolId).data?.kind === 'college';
  const years = useYears(schoolId);
  const year = currentYear(years.data ?? [], todayIso());
  const classes = useClasses(schoolId, year?.id);
  const error = years.error ?? classes.error;
  const list = classesOf(classes.data ?? [], access.staffIds, access.wholeSchool);
  const to = (classId: string) => `/school/${schoolId}/class/${classId}`;

  if (!access.wholeSchool && list.length === 1) return <Navigate to={to(list[0]!.id)} replace />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t(access.wholeSchool ? (college ? 'classroom.groupsTitle' : 'classroom.classesTitle') : (college ? 'classroom.groupTitle' : 'classroom.title'))}</Title>
      {error && <ErrorAlert error={error} />}
      {(years.isPending || (year && classes.isPending)) && !error && <FullPageLoader />}
      {years.isSuccess && !year && <Alert color="gray" role="status">{t('classroom.noYear')}</Alert>}
      {classes.isSuccess && list.length === 0 && (
        <Alert color="gray" role="status">{t(access.wholeSchool ? 'classroom.noClasses' : 'classroom.notClassTeacher')}</Alert>
      )}
      {list.length > 0 && (
        <>
          {access.wholeSchool && (
            <NativeSelect
              label={t(college ? 'classroom.pickGroup' : 'classroom.pickClass')}
              className="classroom-picker"
              value=""
              onChange={(event) => void navigate(to(event.currentTarget.value))}
              data={[{ value: '', label: t('classroom.choose'), disabled: true }, ...list.map((c) => ({ value: c.id, label: c.name }))]}
            />
          )}
          <ul className="classroom-class-list" aria-label={t('classroom.classList')}>
            {list.map((c) => (
              <li key={c.id}><Anchor component={Link} to={to(c.id)}>{t(college ? 'classroom.groupName' : 'classroom.className', { name: c.name })}</Anchor></li>
            ))}
          </ul>
        </>
      )}
    </Stack>
  );
}
