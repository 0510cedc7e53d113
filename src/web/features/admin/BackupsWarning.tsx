import { Alert, Anchor, Card, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BackupOverview } from '../../../shared/contract/backups.ts';
import { useBackups } from './backupsApi.ts';

/** What needs the administrator's attention; also shown on the home page (BackupsWarning). */
export function BackupAlerts({ overview }: { overview: BackupOverview }) {
  const { t } = useTranslation();
  return (
    <>
      {overview.sameDisk && <Alert color="red" variant="light" role="alert">{t('admin.backups.sameDisk', { dir: overview.destinations[0]?.path })}</Alert>}
      {overview.overdue && (
        <Alert color="orange" variant="light" role="alert">{overview.lastGoodAt ? t('admin.backups.overdue') : t('admin.backups.noCopy')}</Alert>
      )}
      {overview.destinationFailed && <Alert color="orange" variant="light" role="alert">{t('admin.backups.destinationFailed')}</Alert>}
    </>
  );
}

/**
 * On the administrator's home page: the backups need attention (none on another disk, the newest
 * copy older than the schedule promises, a folder that failed). Nothing when all is well or the
 * server refuses (a school admin of a server with several schools).
 */
export function BackupsWarning({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const overview = useBackups(schoolId);
  const data = overview.data;
  if (!data || !(data.sameDisk || data.overdue || data.destinationFailed)) return null;
  return (
    <Card withBorder component="section" aria-labelledby="backups-warning">
      <Title order={2} size="h4" id="backups-warning" mb="sm">{t('admin.backups.homeWarning')}</Title>
      <Stack gap="xs">
        <BackupAlerts overview={data} />
        <Anchor component={Link} to={`/school/${schoolId}/backups`}>{t('admin.backups.open')}</Anchor>
      </Stack>
    </Card>
  );
}
