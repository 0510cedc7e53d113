import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReviewedEntry } from '../../../shared/contract/audit.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useCompromiseReport, useCompromiseReports, useDecideChange } from './accountsApi.ts';
import { CompromiseChange } from './CompromiseChange.tsx';
import './accounts.css';

/** «Взломанные входы»: the reports (seed 003, 4.3) and, for one of them, each voided change to revert or confirm (4.4). */
export function CompromisePage() {
  const { reportId } = useParams();
  return reportId ? <ReportDetail reportId={reportId} /> : <ReportList />;
}

function ReportList() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const reports = useCompromiseReports(schoolId);
  const items = reports.data?.pages.flatMap((p) => p.items) ?? [];
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('admin.compromise.title')}</Title>
      <Text size="sm" c="dimmed">{t('admin.compromise.intro')}</Text>
      {reports.isError && <ErrorAlert error={reports.error} />}
      {reports.isPending ? <FullPageLoader /> : (
        <Table.ScrollContainer minWidth={680} type="native">
          <Table striped className="admin-table">
            <Table.Caption>{t('admin.compromise.caption', { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.compromise.account')}</Table.Th>
                <Table.Th scope="col">{t('admin.compromise.since')}</Table.Th>
                <Table.Th scope="col">{t('admin.compromise.reportedAt')}</Table.Th>
                <Table.Th scope="col">{t('admin.compromise.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <Table.Tr><Table.Td colSpan={4}><Text c="dimmed">{t('admin.compromise.empty')}</Text></Table.Td></Table.Tr>}
              {items.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={report.id}>{t('admin.compromise.openReport', { name: report.userName })}</Anchor>
                  </Table.Th>
                  <Table.Td>{dateTime.format(new Date(report.since))}</Table.Td>
                  <Table.Td>{dateTime.format(new Date(report.reportedAt))}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      <Badge color={report.entries.void > 0 ? 'orange' : 'gray'} variant="light">{t('admin.compromise.counts.void', { count: report.entries.void })}</Badge>
                      <Badge color="blue" variant="light">{t('admin.compromise.counts.reverted', { count: report.entries.reverted })}</Badge>
                      <Badge color="green" variant="light">{t('admin.compromise.counts.confirmed', { count: report.entries.confirmed })}</Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {reports.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void reports.fetchNextPage()} loading={reports.isFetchingNextPage}>{t('admin.compromise.more')}</Button>
      )}
    </Stack>
  );
}

type Decision = { entry: ReviewedEntry; decision: 'revert' | 'confirm' };

function ReportDetail({ reportId }: { reportId: string }) {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const report = useCompromiseReport(schoolId, reportId);
  const decide = useDecideChange(schoolId, reportId);
  const [pending, setPending] = useState<Decision | null>(null);
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (report.isPending) return <FullPageLoader />;
  if (report.isError) return <Stack><Anchor component={Link} to=".." relative="path">{t('admin.compromise.back')}</Anchor><ErrorAlert error={report.error} /></Stack>;
  const r = report.data;
  const close = () => { setPending(null); decide.reset(); };
  return (
    <Stack gap="md">
      <Anchor component={Link} to=".." relative="path" w="fit-content">{t('admin.compromise.back')}</Anchor>
      <Title order={1} size="h2">{t('admin.compromise.reportTitle', { name: r.userName })}</Title>
      <Text>{t('admin.compromise.reportSummary', { since: dateTime.format(new Date(r.since)), reported: dateTime.format(new Date(r.reportedAt)) })}</Text>
      {r.note && <Text size="sm">{t('admin.compromise.note', { note: r.note })}</Text>}
      <Text size="sm" c="dimmed">{t('admin.compromise.detailIntro')}</Text>
      <Title order={2} size="h3">{t('admin.compromise.changesTitle', { count: r.changes.length })}</Title>
      {r.changes.length === 0 ? <Text c="dimmed">{t('admin.compromise.noChanges')}</Text> : (
        <ul className="plain-list compromise-changes" aria-label={t('admin.compromise.changesTitle', { count: r.changes.length })}>
          {r.changes.map((entry) => (
            <CompromiseChange key={entry.seq} entry={entry} onDecide={(decision) => setPending({ entry, decision })} />
          ))}
        </ul>
      )}
      <Modal opened={pending !== null} onClose={close} lockScroll={false} title={pending ? t(`admin.compromise.confirmTitle.${pending.decision}`) : ''}>
        {pending && (
          <Stack gap="sm">
            <Text>{t(`admin.compromise.confirmText.${pending.decision}`)}</Text>
            <ul className="plain-list compromise-changes">
              <CompromiseChange entry={pending.entry} />
            </ul>
            {decide.isError && <ErrorAlert error={decide.error} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>{t('admin.compromise.cancel')}</Button>
              <Button color={pending.decision === 'revert' ? 'red.9' : undefined} loading={decide.isPending}
                onClick={() => decide.mutate({ seq: pending.entry.seq, decision: pending.decision }, { onSuccess: close })}>
                {t(`admin.compromise.do.${pending.decision}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
