import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReportLesson, ReviewedEntry } from '../../../shared/contract/audit.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useCompromiseReport, useCompromiseReports, useDecideChange, useDecideLesson } from './accountsApi.ts';
import { CompromiseChange, type EntryDecision } from './CompromiseChange.tsx';
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
                      <Badge color="blue" variant="light">{t('admin.compromise.counts.restored', { count: report.entries.restored })}</Badge>
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

type Decision =
  | { kind: 'entry'; entry: ReviewedEntry; decision: EntryDecision }
  | { kind: 'lesson'; lesson: ReportLesson; entries: ReviewedEntry[]; decision: 'restore' | 'confirm' };

/** A mark's version row is written with the mark: its review follows the mark's, so it is not listed twice. */
const isCompanion = (entry: ReviewedEntry) => entry.entity === 'mark_versions' && entry.voidedAt !== null;

function ReportDetail({ reportId }: { reportId: string }) {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const report = useCompromiseReport(schoolId, reportId);
  const decide = useDecideChange(schoolId, reportId);
  const decideLesson = useDecideLesson(schoolId, reportId);
  const [pending, setPending] = useState<Decision | null>(null);
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeZone: 'UTC' });
  if (report.isPending) return <FullPageLoader />;
  if (report.isError) return <Stack><Anchor component={Link} to=".." relative="path">{t('admin.compromise.back')}</Anchor><ErrorAlert error={report.error} /></Stack>;
  const r = report.data;
  const mutation = pending?.kind === 'lesson' ? decideLesson : decide;
  const close = () => { setPending(null); decide.reset(); decideLesson.reset(); };
  const shown = r.changes.filter((c) => !isCompanion(c));
  const journal = shown.filter((c) => c.voidedAt !== null);
  const byLesson = r.lessons.map((lesson) => ({ lesson, entries: journal.filter((c) => c.lessonId === lesson.id) })).filter((g) => g.entries.length > 0);
  const inLessons = new Set(byLesson.flatMap((g) => g.entries.map((c) => c.seq)));
  const journalElse = journal.filter((c) => !inLessons.has(c.seq));
  const others = shown.filter((c) => c.voidedAt === null);
  const lessonName = (l: ReportLesson) => t('admin.compromise.lessonHeading', { date: day.format(new Date(`${l.date}T00:00:00Z`)), number: l.lessonNumber, subject: l.subject, group: l.group });
  const list = (entries: ReviewedEntry[], label: string) => (
    <ul className="plain-list compromise-changes" aria-label={label}>
      {entries.map((entry) => (
        <CompromiseChange key={entry.seq} entry={entry} onDecide={(decision) => setPending({ kind: 'entry', entry, decision })} />
      ))}
    </ul>
  );
  const submit = () => {
    if (!pending) return;
    if (pending.kind === 'lesson') decideLesson.mutate({ lessonId: pending.lesson.id, decision: pending.decision }, { onSuccess: close });
    else decide.mutate({ seq: pending.entry.seq, decision: pending.decision }, { onSuccess: close });
  };
  const modalKey = pending === null ? 'revert' : pending.kind === 'lesson' ? `${pending.decision}Lesson`
    : pending.decision === 'confirm' && pending.entry.voidedAt ? 'confirmVoid' : pending.decision;
  return (
    <Stack gap="md">
      <Anchor component={Link} to=".." relative="path" w="fit-content">{t('admin.compromise.back')}</Anchor>
      <Title order={1} size="h2">{t('admin.compromise.reportTitle', { name: r.userName })}</Title>
      <Text>{t('admin.compromise.reportSummary', { since: dateTime.format(new Date(r.since)), reported: dateTime.format(new Date(r.reportedAt)) })}</Text>
      {r.note && <Text size="sm">{t('admin.compromise.note', { note: r.note })}</Text>}
      {shown.length === 0 && <Text c="dimmed">{t('admin.compromise.noChanges')}</Text>}
      {journal.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h3">{t('admin.compromise.journalTitle', { count: journal.length })}</Title>
          <Text size="sm" c="dimmed">{t('admin.compromise.journalIntro')}</Text>
          {byLesson.map(({ lesson, entries }) => {
            const open = entries.filter((c) => c.status === 'void');
            return (
              <section key={lesson.id} aria-label={lessonName(lesson)} className="compromise-lesson">
                <Group justify="space-between" gap="xs" wrap="wrap" mb={6}>
                  <Title order={3} size="h4">{lessonName(lesson)}</Title>
                  {open.length > 0 && (
                    <Group gap="sm">
                      <Button size="xs" onClick={() => setPending({ kind: 'lesson', lesson, entries: open, decision: 'restore' })}>{t('admin.compromise.do.restoreLesson')}</Button>
                      <Button size="xs" variant="default" onClick={() => setPending({ kind: 'lesson', lesson, entries: open, decision: 'confirm' })}>{t('admin.compromise.do.confirmLesson')}</Button>
                    </Group>
                  )}
                </Group>
                {list(entries, lessonName(lesson))}
              </section>
            );
          })}
          {journalElse.length > 0 && (
            <section aria-label={t('admin.compromise.periodMarksTitle')}>
              <Title order={3} size="h4" mb={6}>{t('admin.compromise.periodMarksTitle')}</Title>
              {list(journalElse, t('admin.compromise.periodMarksTitle'))}
            </section>
          )}
        </Stack>
      )}
      {others.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h3">{t('admin.compromise.changesTitle', { count: others.length })}</Title>
          <Text size="sm" c="dimmed">{t('admin.compromise.detailIntro')}</Text>
          {list(others, t('admin.compromise.changesTitle', { count: others.length }))}
        </Stack>
      )}
      <Modal opened={pending !== null} onClose={close} lockScroll={false} title={pending ? t(`admin.compromise.confirmTitle.${modalKey}`) : ''}>
        {pending && (
          <Stack gap="sm">
            <Text>{t(`admin.compromise.confirmText.${modalKey}`)}</Text>
            <ul className="plain-list compromise-changes">
              {(pending.kind === 'lesson' ? pending.entries : [pending.entry]).map((entry) => <CompromiseChange key={entry.seq} entry={entry} />)}
            </ul>
            {mutation.isError && <ErrorAlert error={mutation.error} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>{t('admin.compromise.cancel')}</Button>
              <Button color={pending.decision === 'revert' ? 'red.9' : undefined} loading={mutation.isPending} onClick={submit}>
                {t(`admin.compromise.do.${modalKey}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
