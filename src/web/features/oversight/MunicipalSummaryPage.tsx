import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { MunicipalSummary } from '../../../shared/contract/oversight.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { formatPercent } from '../reports/format.ts';
import '../reports/reports.css';
import './oversight.css';
import { municipalSummaryFileUrl, useMunicipalSummary } from './api.ts';
import { FiguresTable } from './ControlFiguresPage.tsx';
import { formatDate } from './dates.ts';

type Line = Omit<MunicipalSummary['schools'][number], 'schoolId' | 'name' | 'periods'>;

/** The first of September of the school year a day falls in. */
const yearStart = (day: string) => `${Number(day.slice(5, 7)) >= 8 ? day.slice(0, 4) : Number(day.slice(0, 4)) - 1}-09-01`;
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * `/municipality/:municipalityId/summary`: the municipal operator's summary — per school and for the
 * municipality, period results, attendance and journal keeping; counts and percentages only.
 */
export function MunicipalSummaryPage() {
  const { t, i18n } = useTranslation();
  const { municipalityId = '' } = useParams();
  const today = todayIso();
  const [search] = useSearchParams();
  // `?from=…&to=…` opens those dates; else from the school year's start to today.
  const [from, setFrom] = useState(isDay(search.get('from') ?? '') ? search.get('from')! : yearStart(today));
  const [to, setTo] = useState(isDay(search.get('to') ?? '') ? search.get('to')! : today);
  const q = { from, to, weeks: 3 };
  const summary = useMunicipalSummary(municipalityId, q);
  const language = i18n.language;
  const pct = (value: number | null) => formatPercent(value, language);
  const resultCells = (l: Line) => [
    l.students, l.results.assessed, pct(l.results.progressPercent), pct(l.results.qualityPercent), pct(l.results.sou),
    l.attendance.missed, l.attendance.ill, l.attendance.excused, l.attendance.absent, pct(l.attendance.missedPercent), l.attendance.late,
  ];
  const controlCells = (l: Line) => [
    pct(l.control.lessons.topicPercent), pct(l.control.lessons.marksPercent), pct(l.control.lessons.attendancePercent), pct(l.control.lessons.homeworkPercent),
    pct(l.control.withoutMarks.percent), pct(l.control.diary.students30Percent), pct(l.control.diary.guardians30Percent),
  ];
  const RESULT_HEADERS = ['students', 'assessed', 'progress', 'quality', 'sou', 'missed', 'ill', 'excused', 'absent', 'missedPercent', 'late'];
  const CONTROL_HEADERS = ['topic', 'marks', 'attendance', 'homework', 'withoutMarks', 'students30', 'guardians30'];
  const table = (caption: string, headers: string[], cells: (l: Line) => (string | number)[], data: MunicipalSummary) => (
    <div className="reports-scroll">
      <Table verticalSpacing="xs" striped withTableBorder className="reports-table oversight-schools">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('oversight.municipal.school')}</Table.Th>
            {headers.map((h) => <Table.Th key={h} scope="col" className="reports-number">{t(`oversight.municipal.${h}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.schools.map((s) => (
            <Table.Tr key={s.schoolId}>
              <Table.Th scope="row">{s.name}</Table.Th>
              {cells(s).map((c, i) => <Table.Td key={headers[i]} className="reports-number">{c}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className="reports-total">
            <Table.Th scope="row">{t('oversight.municipal.total')}</Table.Th>
            {cells(data.total).map((c, i) => <Table.Td key={headers[i]} className="reports-number">{c}</Table.Td>)}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </div>
  );
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('oversight.municipal.title')}{summary.data ? `: ${summary.data.municipality.name}` : ''}</Title>
      <Text size="sm">{t('oversight.municipal.intro')}</Text>
      <div className="reports-filters">
        <TextInput type="date" label={t('oversight.municipal.from')} value={from} onChange={(e) => { if (isDay(e.currentTarget.value)) setFrom(e.currentTarget.value); }} />
        <TextInput type="date" label={t('oversight.municipal.to')} value={to} onChange={(e) => { if (isDay(e.currentTarget.value)) setTo(e.currentTarget.value); }} />
      </div>
      {summary.isError && <ErrorAlert error={summary.error} />}
      {summary.isPending && <FullPageLoader />}
      {summary.data && summary.data.schools.length === 0 && <Alert color="gray" role="status">{t('oversight.municipal.noSchools')}</Alert>}
      {summary.data && summary.data.schools.length > 0 && (
        <>
          <Group gap="sm">
            <Button component="a" variant="default" size="sm" href={municipalSummaryFileUrl(municipalityId, q, 'xlsx')} download>{t('oversight.downloadXlsx')}</Button>
            <Button component="a" variant="default" size="sm" href={municipalSummaryFileUrl(municipalityId, q, 'pdf')} download>{t('oversight.downloadPdf')}</Button>
          </Group>
          {table(t('oversight.municipal.resultsCaption'), RESULT_HEADERS, resultCells, summary.data)}
          {table(t('oversight.municipal.controlCaption'), CONTROL_HEADERS, controlCells, summary.data)}
          <FiguresTable
            figures={summary.data.total.control} weeks={summary.data.weeks}
            caption={`${t('oversight.municipal.total')}: ${formatDate(summary.data.from, language)} — ${formatDate(summary.data.to, language)}`}
          />
          <Text size="xs" className="reports-note">
            {t('oversight.municipal.periods', {
              list: summary.data.schools.map((s) => `${s.name} — ${s.periods.join(', ') || t('oversight.municipal.noPeriods')}`).join('; '),
            })}
          </Text>
          <Text size="xs" className="reports-note">{t('oversight.municipal.legend')}</Text>
        </>
      )}
    </Stack>
  );
}
