import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useParams } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import { useMe } from '../../api/auth.ts';
import { schoolSections } from './sections.ts';

/** `/school/:schoolId/*`: the staff screens of one school under a navigation of what the person may open. */
export function SchoolLayout() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const me = useMe().data as Me;
  const roles = me.roles.filter((r) => r.schoolId === schoolId);
  if (roles.length === 0) return <Navigate to="/" replace />;
  const sections = schoolSections(me, schoolId);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{roles[0]!.schoolName}</Text>
      </Group>
      <nav aria-label={t('school.navigation')} className="school-nav">
        {sections.map((section) => (
          <Anchor key={section.path} component={NavLink} to={`/school/${schoolId}/${section.path}`} className="school-nav-link">
            {t(`school.sections.${section.key}`)}
          </Anchor>
        ))}
      </nav>
      <Outlet />
    </Stack>
  );
}
