import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { BackToReports } from '../reports/BackToReports.tsx';
import '../reports/reports.css';
import { type Timesheet, timesheetFileUrl, useTimesheet } from './api.ts';
import { formatDate, monthRange } from './dates.ts';

const COLUMNS = ['given', 'asSubstitute', 'substituted', 'cancelled'] as const;

/**
 * `/school/:schoolId/timesheet`: the табель of a month (seed 004: a substitution counts for both
 * teachers) — every teacher for the administration, his own for a teacher; the server decides.
 */
export function TimesheetPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search] = useSearchParams();
  // `?month=2026-11` opens that month (a link, the screenshots); else this month.
  const [month, setMonth] = useState(/^\d{4}-\d{2}$/.test(search.get('month') ?? '') ? search.get('month')! : todayIso().slice(0, 7));
  const range = monthRange(month);
  const sheet = useTimesheet(schoolId, range);
  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('oversight.timesheet.title')}</Title>
      <Text size="sm">{t('oversight.timesheet.intro')}</Text>
      <div className="reports-filters">
        <TextInput type="month" label={t('oversight.month')} value={month} onChange={(e) => { if (/^\d{4}-\d{2}$/.test(e.currentTarget.value)) setMonth(e.currentTarget.value); }} />
      </div>
      {sheet.isError && <ErrorAlert error={sheet.error} />}
      {sheet.isPending && <FullPageLoader />}
      {sheet.data && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={timesheetFileUrl(schoolId, range, 'xlsx')} download>{t('oversight.downloadXlsx')}</Button>
          <Button component="a" variant="default" size="sm" href={timesheetFileUrl(schoolId, range, 'pdf')} download>{t('oversight.downloadPdf')}</Button>
        </Group>
      )}
      {sheet.data && <TimesheetTable sheet={sheet.data} language={i18n.language} />}
    </Stack>
  );
}

function TimesheetTable({ sheet, language }: { sheet: Timesheet; language: string }) {
  const { t } = useTranslation();
  if (sheet.items.length === 0) return <Alert color="gray" role="status">{t('oversight.timesheet.empty')}</Alert>;
  const sum = (pick: (i: Timesheet['items'][number]) => number) => sheet.items.reduce((n, i) => n + pick(i), 0);
  return (
    <Stack gap="xs">
      <div className="reports-scroll">
        <Table verticalSpacing="xs" striped withTableBorder className="reports-table">
          <Table.Caption>{t('oversight.timesheet.caption', { from: formatDate(sheet.from, language), to: formatDate(sheet.to, language) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('oversight.timesheet.teacher')}</Table.Th>
              {COLUMNS.map((c) => <Table.Th key={c} scope="col" className="reports-number">{t(`oversight.timesheet.${c}`)}</Table.Th>)}
              <Table.Th scope="col" className="reports-number">{t('oversight.timesheet.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.items.map((i) => (
              <Table.Tr key={i.staffId}>
                <Table.Th scope="row">{[i.lastName, i.firstName, i.middleName].filter(Boolean).join(' ')}</Table.Th>
                {COLUMNS.map((c) => <Table.Td key={c} className="reports-number">{i[c]}</Table.Td>)}
                <Table.Td className="reports-number">{i.given + i.asSubstitute}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {sheet.items.length > 1 && (
            <Table.Tfoot>
              <Table.Tr className="reports-total">
                <Table.Th scope="row">{t('oversight.timesheet.sum')}</Table.Th>
                {COLUMNS.map((c) => <Table.Td key={c} className="reports-number">{sum((i) => i[c])}</Table.Td>)}
                <Table.Td className="reports-number">{sum((i) => i.given + i.asSubstitute)}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('oversight.timesheet.legend')}</Text>
    </Stack>
  );
}
