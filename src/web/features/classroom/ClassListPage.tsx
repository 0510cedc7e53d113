import { Alert, Anchor, NativeSelect, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useClassList } from './useClassList.ts';
import './classroom.css';

/** `/school/:schoolId/class`: the classes a person keeps (or, for the school's managers, every class). */
export function ClassListPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const navigate = useNavigate();
  const { access, college, years, year, classes, list, error } = useClassList(schoolId);
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
