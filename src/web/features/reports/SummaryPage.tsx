import { Alert, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ClassSummary } from '../../../shared/contract/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useClassSummary } from './api.ts';
import { ReportClassSelect, useReportClass } from './reportClass.tsx';
import { formatMean, resultsPeriod } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

const YEAR = 'year';

/**
 * `/school/:schoolId/summary`: сводная ведомость of one class (seed 001 §7, 002 §4.3) — for a period,
 * each student × subject's weighted mean and period mark; for the year, each period's mark and the
 * year mark. A class teacher is offered only his class; the server decides.
 */
export function SummaryPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const reportClass = useReportClass(schoolId);
  const { year, list, klass, periods, ofClass, error } = reportClass;
  const [periodChoice, setPeriodChoice] = useState('');
  const period = periodChoice === YEAR ? null : ofClass.find((p) => p.id === periodChoice) ?? resultsPeriod(ofClass, todayIso()) ?? null;
  const ready = !!klass && periods.isSuccess;
  const summary = useClassSummary(schoolId, ready ? klass.id : undefined, period?.id ?? null);

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.summary.title')}</Title>
      <Text size="sm">{t('reports.summary.intro')}</Text>
      <div className="reports-filters">
        <ReportClassSelect report={reportClass} />
        <NativeSelect
          label={t('reports.period')}
          value={period?.id ?? YEAR}
          onChange={(e) => setPeriodChoice(e.currentTarget.value)}
          data={[...ofClass.map((p) => ({ value: p.id, label: p.name })), { value: YEAR, label: t('reports.summary.wholeYear') }]}
        />
      </div>
      {(error ?? periods.error) && <ErrorAlert error={error ?? periods.error} />}
      {year && !error && list.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>}
      {summary.isError && <ErrorAlert error={summary.error} />}
      {summary.isPending && ready && <FullPageLoader />}
      {summary.data && <SummaryTable summary={summary.data} />}
    </Stack>
  );
}

function SummaryTable({ summary }: { summary: ClassSummary }) {
  const { t, i18n } = useTranslation();
  if (summary.students.length === 0) return <Alert color="gray" role="status">{t('reports.summary.noStudents')}</Alert>;
  const mark = (value: string | null | undefined) => (value ? t(`classroom.periodMarks.${value}`, { defaultValue: value }) : '—');
  const cells = new Map(summary.cells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
  const yearCells = new Map(summary.yearCells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
  const caption = t('reports.summary.caption', { name: summary.class.name, period: summary.period?.name ?? t('reports.summary.wholeYear') });
  const year = summary.period === null;
  return (
    <Stack gap="xs">
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} className="reports-table reports-summary reports-opaque">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2} className="reports-sticky">{t('reports.summary.student')}</Table.Th>
              {summary.subjects.map((s) => (
                <Table.Th key={s.id} scope="colgroup" colSpan={year ? summary.periods.length + 1 : 2} className="reports-subject">{s.name}</Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {summary.subjects.map((s) => (year
                ? [...summary.periods.map((p) => <Table.Th key={`${s.id}${p.id}`} scope="col" className="reports-number" title={p.name}>{shortPeriod(p.name)}</Table.Th>),
                  <Table.Th key={`${s.id}y`} scope="col" className="reports-number">{t('reports.summary.yearMark')}</Table.Th>]
                : [<Table.Th key={`${s.id}m`} scope="col" className="reports-number">{t('reports.summary.mean')}</Table.Th>,
                  <Table.Th key={`${s.id}p`} scope="col" className="reports-number">{t('reports.summary.periodMark')}</Table.Th>]))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.students.map((student) => (
              <Table.Tr key={student.id}>
                <Table.Th scope="row" className="reports-sticky">
                  {student.name}
                  {student.left && <Text span size="xs" c="dimmed"> {t('reports.summary.left')}</Text>}
                </Table.Th>
                {summary.subjects.map((subject) => {
                  const k = `${student.id}|${subject.id}`;
                  if (year) {
                    const cell = yearCells.get(k);
                    return [...summary.periods.map((p) => <Table.Td key={`${subject.id}${p.id}`} className="reports-number">{mark(cell?.periodMarks[p.id])}</Table.Td>),
                      <Table.Td key={`${subject.id}y`} className="reports-number reports-strong">{mark(cell?.yearMark)}</Table.Td>];
                  }
                  const cell = cells.get(k);
                  return [
                    <Table.Td key={`${subject.id}m`} className="reports-number">{cell?.mean == null ? '—' : formatMean(cell.mean, i18n.language)}</Table.Td>,
                    <Table.Td key={`${subject.id}p`} className="reports-number reports-strong">{mark(cell?.periodMark)}</Table.Td>,
                  ];
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t(year ? 'reports.summary.legendYear' : 'reports.summary.legend')}</Text>
    </Stack>
  );
}

/** «1 четверть» → «1 ч.», «2 полугодие» → «2 п.», «1 семестр» → «1 с.»: narrow year columns; the full name is the title. */
function shortPeriod(name: string): string {
  const match = /^(\d+)\s*(\p{L})/u.exec(name);
  return match ? `${match[1]}\u00a0${match[2]}.` : name;
}
