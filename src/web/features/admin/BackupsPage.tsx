import { Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { BackupCopy } from '../../../shared/contract/backups.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { sizeParts } from './backupFormat.ts';
import { BackupAlerts } from './BackupsWarning.tsx';
import { useBackups, useDownloadBackup, useMakeBackup } from './backupsApi.ts';
import './accounts.css';

function useSize() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (bytes: number | null) => {
    if (bytes === null) return '—';
    const { value, unit } = sizeParts(bytes);
    return `${number.format(value)} ${t(`admin.backups.units.${unit}`)}`;
  };
}

function DownloadDialog({ schoolId, copy, onClose }: { schoolId: string; copy: BackupCopy | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const download = useDownloadBackup(schoolId);
  const close = () => {
    setCode('');
    download.reset();
    onClose();
  };
  return (
    <Modal opened={copy !== null} onClose={close} title={t('admin.backups.downloadTitle', { file: copy?.fileName ?? '' })} lockScroll={false}>
      <form onSubmit={(e) => {
        e.preventDefault();
        if (copy) download.mutate({ id: copy.id, code: code.trim(), fileName: copy.fileName ?? 'klassny.tar' }, { onSuccess: close });
      }}>
        <Stack>
          <Text size="sm">{t('admin.backups.downloadHint')}</Text>
          <TextInput label={t('admin.backups.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="one-time-code"
            inputMode="numeric" required data-autofocus error={fieldErrors(download.error, i18n.language).code} />
          {download.isError && <ErrorAlert error={download.error} />}
          <Group justify="end">
            <Button variant="default" onClick={close}>{t('admin.backups.cancel')}</Button>
            <Button type="submit" loading={download.isPending}>{t('admin.backups.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CheckCell({ copy }: { copy: BackupCopy }) {
  const { t } = useTranslation();
  if (copy.outcome === 'failed') {
    return <Stack gap={2}><Text size="sm" fw={600} c="red.8">{t('admin.backups.failed')}</Text><Text size="sm">{copy.error}</Text></Stack>;
  }
  return (
    <Stack gap={2}>
      {copy.verifiedAt
        ? <Text size="sm" fw={600} c="green.9">{t('admin.backups.verified')}</Text>
        : <Text size="sm" fw={600} c="orange.9">{t('admin.backups.sealed')}</Text>}
      {copy.deletedAt && <Text size="sm" c="dimmed">{t('admin.backups.deleted')}</Text>}
    </Stack>
  );
}

/** «Резервные копии»: where copies go and how much room is left, every copy and its check, a copy now, a download. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const overview = useBackups(schoolId);
  const make = useMakeBackup(schoolId);
  const [downloading, setDownloading] = useState<BackupCopy | null>(null);
  const size = useSize();
  const data = overview.data;
  // On the schedule's clock, so that «next copy» reads as the schedule says, whatever the browser's zone.
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium', timeZone: data?.timeZone });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('admin.backups.title')}</Title>
      {overview.isError && <ErrorAlert error={overview.error} />}
      {overview.isPending ? (!overview.isError && <FullPageLoader />) : data && (
        <>
          <BackupAlerts overview={data} />
          <Text size="sm">
            {t('admin.backups.schedule', {
              schedule: data.schedule, timeZone: data.timeZone, next: data.nextRunAt ? dateTime.format(new Date(data.nextRunAt)) : '—',
              weeks: data.keepWeeks, months: data.keepMonths,
            })}
          </Text>
          {data.lastGoodAt && <Text size="sm">{t('admin.backups.lastGood', { at: dateTime.format(new Date(data.lastGoodAt)) })}</Text>}
          <Card withBorder component="section" aria-labelledby="backup-destinations">
            <Title order={2} size="h4" id="backup-destinations" mb="sm">{t('admin.backups.destinations')}</Title>
            <Table className="admin-table">
              <Table.Thead>
                <Table.Tr><Table.Th scope="col">{t('admin.backups.path')}</Table.Th><Table.Th scope="col">{t('admin.backups.free')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.destinations.map((d) => (
                  <Table.Tr key={d.path}>
                    <Table.Td><Text ff="monospace" size="sm">{d.path}</Text></Table.Td>
                    <Table.Td>{d.error ? <Text c="red" size="sm">{t('admin.backups.missing', { error: d.error })}</Text>
                      : t('admin.backups.freeOf', { free: size(d.freeBytes), total: size(d.totalBytes) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Group>
            <Button onClick={() => make.mutate()} loading={make.isPending}>{t('admin.backups.makeNow')}</Button>
            {make.isPending && <Text size="sm" role="status">{t('admin.backups.making')}</Text>}
            {make.isSuccess && <Text size="sm" role="status">{t('admin.backups.made')}</Text>}
          </Group>
          {make.isError && <ErrorAlert error={make.error} />}
          <Table.ScrollContainer minWidth={820} type="native">
            <Table striped className="admin-table" aria-busy={overview.isFetching || make.isPending}>
              <Table.Caption>{t('admin.backups.caption', { count: data.copies.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.backups.time')}</Table.Th>
                  <Table.Th scope="col">{t('admin.backups.path')}</Table.Th>
                  <Table.Th scope="col">{t('admin.backups.file')}</Table.Th>
                  <Table.Th scope="col">{t('admin.backups.size')}</Table.Th>
                  <Table.Th scope="col">{t('admin.backups.check')}</Table.Th>
                  <Table.Th scope="col">{t('admin.backups.trigger')}</Table.Th>
                  <Table.Th scope="col"><VisuallyHidden>{t('admin.backups.download')}</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.copies.length === 0 && <Table.Tr><Table.Td colSpan={7}><Text c="dimmed">{t('admin.backups.empty')}</Text></Table.Td></Table.Tr>}
                {data.copies.map((copy) => (
                  <Table.Tr key={copy.id}>
                    <Table.Td className="admin-nowrap">{dateTime.format(new Date(copy.finishedAt))}</Table.Td>
                    <Table.Td><Text ff="monospace" size="sm">{copy.destination}</Text></Table.Td>
                    <Table.Td><Text ff="monospace" size="sm">{copy.fileName ?? '—'}</Text></Table.Td>
                    <Table.Td className="admin-nowrap">{size(copy.bytes)}</Table.Td>
                    <Table.Td><CheckCell copy={copy} /></Table.Td>
                    <Table.Td>{t(`admin.backups.triggers.${copy.trigger}`)}</Table.Td>
                    <Table.Td>
                      {copy.outcome === 'ok' && !copy.deletedAt && (
                        <Button size="xs" variant="default" onClick={() => setDownloading(copy)}
                          aria-label={t('admin.backups.downloadTitle', { file: copy.fileName })}>{t('admin.backups.download')}</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <DownloadDialog schoolId={schoolId} copy={downloading} onClose={() => setDownloading(null)} />
    </Stack>
  );
}
