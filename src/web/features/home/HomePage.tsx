import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import { useMe } from '../../api/auth.ts';
import { useDiaryStudents } from '../../api/diary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { BackupsWarning } from '../admin/BackupsWarning.tsx';
import { useMunicipalities } from '../oversight/api.ts';
import { schoolSections } from '../school/sections.ts';

const DIARY_ROLES = new Set(['student', 'guardian']);

export const diaryUrl = (schoolId: string, studentId: string) => `/diary/${schoolId}/${studentId}`;

/** Students and guardians go to the diary; staff see their schools and roles. */
export function HomePage() {
  const me = useMe().data!;
  const readsDiaries = me.roles.some((r) => DIARY_ROLES.has(r.role));
  const onlyDiaries = readsDiaries && me.roles.every((r) => DIARY_ROLES.has(r.role));
  const students = useDiaryStudents();

  if (readsDiaries && students.isPending) return <FullPageLoader />;
  if (onlyDiaries && students.data?.[0]) {
    const first = students.data[0];
    return <Navigate to={diaryUrl(first.schoolId, first.studentId)} replace />;
  }
  return <StaffHome me={me} diaries={students.data ?? []} error={students.error} />;
}

function StaffHome({ me, diaries, error }: { me: Me; diaries: { schoolId: string; studentId: string; shortName: string }[]; error: unknown }) {
  const { t } = useTranslation();
  const schools = [...new Map(me.roles.map((r) => [r.schoolId, r.schoolName])).entries()];
  // A municipal operator holds no school role: his municipalities' summaries (a refusal means he is none).
  const municipalities = useMunicipalities(schools.length === 0 || me.user.platformAdmin);
  const operated = municipalities.data?.items ?? [];
  // Backups are the server's, not one school's: one warning, through the first school that manages them.
  const backupSchool = schools.map(([id]) => id).find((id) => me.permissions[id]?.includes('backup.manage'));
  return (
    <Stack>
      <Title order={1} size="h2">{t('home.greeting', { name: me.user.displayName })}</Title>
      {error ? <ErrorAlert error={error} /> : null}
      {backupSchool && <BackupsWarning schoolId={backupSchool} />}
      {me.user.platformAdmin && (
        <Card withBorder component="nav" aria-label={t('platform.title')}>
          <Anchor component={Link} to="/platform">{t('platform.link')}</Anchor>
        </Card>
      )}
      {operated.length > 0 && (
        <Card withBorder component="nav" aria-label={t('oversight.municipal.title')}>
          <Title order={2} size="h4" mb="sm">{t('oversight.municipal.title')}</Title>
          <Stack gap="xs">
            {operated.map((m) => (
              <Anchor key={m.id} component={Link} to={`/municipality/${m.id}/summary`}>{t('oversight.municipal.home', { name: m.name })}</Anchor>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder component="section" aria-labelledby="schools-title">
        <Title order={2} size="h4" id="schools-title" mb="sm">{t('home.schools')}</Title>
        {schools.length === 0 ? (operated.length === 0 && <Text>{t('home.noRoles')}</Text>) : (
          <List listStyleType="none" spacing="sm">
            {schools.map(([schoolId, schoolName]) => (
              <List.Item key={schoolId}>
                <Text fw={600}>{schoolName}</Text>
                <Group gap="xs" mt={4}>
                  {me.roles.filter((r) => r.schoolId === schoolId).map((r) => (
                    <Badge key={r.role} variant="light" color="blue">{t(`roles.${r.role}`)}</Badge>
                  ))}
                </Group>
                <Group gap="md" mt="xs" component="nav" aria-label={t('home.sectionsOf', { school: schoolName })}>
                  {schoolSections(me, schoolId).map((section) => (
                    <Anchor key={section.path} component={Link} to={`/school/${schoolId}/${section.path}`}>
                      {t(`school.sections.${section.key}`)}
                    </Anchor>
                  ))}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      {diaries.length > 0 && (
        <Card withBorder component="section">
          <Stack gap="xs">
            {diaries.map((d) => (
              <Anchor key={`${d.schoolId}/${d.studentId}`} component={Link} to={diaryUrl(d.schoolId, d.studentId)}>
                {t('home.openDiary', { name: d.shortName })}
              </Anchor>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
