import { Alert, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ClassSummary } from '../../../shared/contract/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { sortPeriods } from '../control/periods.ts';
import { todayIso } from '../diary/dates.ts';
import { classSummaryFileUrl, schoolSummaryFileUrl, useClassSummary, useSchoolSummary, yearEndSummaryUrl } from './api.ts';
import { useReportClass } from './reportClass.tsx';
import { formatMean, type ResultsChoice, resultsPeriod } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

const YEAR = 'year';
/** The class selector's choice of every class at once (the school by class; a class teacher's own classes). */
const ALL = 'all';

/**
 * `/school/:schoolId/summary`: сводная ведомость of one class (seed 001 §7, 002 §4.3) — for a period,
 * each student × subject's weighted mean and period mark; for the year, each period's mark and the
 * year mark — or of every class, one table each. As XLSX or PDF, and in the year the year-end
 * summary to sign (seed 000). A class teacher is offered only his classes; the server decides.
 */
export function SummaryPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const reportClass = useReportClass(schoolId);
  const { year, list, klass, periods, ofClass, error } = reportClass;
  // `?class=all`: every class (a link to the school-wide ведомость).
  const [params, setParams] = useSearchParams();
  const all = params.get('class') === ALL;
  const [periodChoice, setPeriodChoice] = useState('');
  const offered = all ? sortPeriods(periods.data ?? []) : ofClass;
  const period = periodChoice === YEAR ? null : offered.find((p) => p.id === periodChoice) ?? resultsPeriod(offered, todayIso()) ?? null;
  const ready = !!klass && periods.isSuccess;
  const summary = useClassSummary(schoolId, ready && !all ? klass.id : undefined, period?.id ?? null);
  const choice: ResultsChoice | null = all && year && periods.isSuccess ? (period ? { periodId: period.id } : { academicYearId: year.id }) : null;
  const school = useSchoolSummary(schoolId, choice);
  const periodLabel = (p: (typeof offered)[number]) => (all ? t('reports.periodOption', { name: p.name, from: p.gradeFrom, to: p.gradeTo }) : p.name);
  const shown = all ? school : summary;
  // Classes with no mark at all (the first grades, without marks): named in one line, not shown as empty tables.
  const unmarked = (school.data?.classes ?? []).filter((c) => c.students.length > 0 && c.cells.length === 0 && c.yearCells.length === 0);

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.summary.title')}</Title>
      <Text size="sm">{t('reports.summary.intro')}</Text>
      <div className="reports-filters">
        <NativeSelect
          label={t('reports.summary.class')}
          value={all ? ALL : klass?.id ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setParams(value === ALL ? { class: ALL } : {}, { replace: true });
            if (value !== ALL) reportClass.setClassChoice(value);
          }}
          data={[...list.map((c) => ({ value: c.id, label: c.name })), ...(list.length > 1 ? [{ value: ALL, label: t('reports.summary.allClasses') }] : [])]}
        />
        <NativeSelect
          label={t('reports.period')}
          value={period?.id ?? YEAR}
          onChange={(e) => setPeriodChoice(e.currentTarget.value)}
          data={[...offered.map((p) => ({ value: p.id, label: periodLabel(p) })), { value: YEAR, label: t('reports.summary.wholeYear') }]}
        />
      </div>
      {(error ?? periods.error) && <ErrorAlert error={error ?? periods.error} />}
      {year && !error && list.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>}
      {shown.isError && <ErrorAlert error={shown.error} />}
      {shown.isPending && ready && <FullPageLoader />}
      {shown.data && year && klass && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" download
            href={all && choice ? schoolSummaryFileUrl(schoolId, choice, 'xlsx') : classSummaryFileUrl(schoolId, klass.id, period?.id ?? null, 'xlsx')}>
            {t('reports.summary.downloadXlsx')}
          </Button>
          <Button component="a" variant="default" size="sm" download
            href={all && choice ? schoolSummaryFileUrl(schoolId, choice, 'pdf') : classSummaryFileUrl(schoolId, klass.id, period?.id ?? null, 'pdf')}>
            {t('reports.summary.downloadPdf')}
          </Button>
          {period === null && (
            <Button component="a" variant="light" size="sm" download title={t('reports.summary.yearEndHint')}
              href={yearEndSummaryUrl(schoolId, year.id, all ? undefined : klass.id)}>
              {t('reports.summary.yearEnd')}
            </Button>
          )}
        </Group>
      )}
      {!all && summary.data && <SummaryTable summary={summary.data} />}
      {all && school.data && school.data.classes.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClassesInPeriod')}</Alert>}
      {all && school.data && unmarked.length > 0 && (
        <Alert color="gray" role="status">{t('reports.summary.withoutMarks', { classes: unmarked.map((c) => c.class.name).join(', ') })}</Alert>
      )}
      {all && school.data?.classes.filter((c) => !unmarked.includes(c)).map((c) => (
        <Stack key={c.class.id} gap={4}>
          <Title order={2} size="h4">{c.class.name}</Title>
          <SummaryTable summary={c} />
        </Stack>
      ))}
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
  // The year's exam and final marks, as columns only when the class has any (seed 002 §4.3.11).
  const extra = year ? (['exam', 'final'] as const).filter((kind) => summary.yearCells.some((c) => c[kind] !== undefined)) : [];
  return (
    <Stack gap="xs">
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} className="reports-table reports-summary reports-opaque">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2} className="reports-sticky">{t('reports.summary.student')}</Table.Th>
              {summary.subjects.map((s) => (
                <Table.Th key={s.id} scope="colgroup" colSpan={year ? summary.periods.length + 1 + extra.length : 2} className="reports-subject">{s.name}</Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {summary.subjects.map((s) => (year
                ? [...summary.periods.map((p) => <Table.Th key={`${s.id}${p.id}`} scope="col" className="reports-number" title={p.name}>{shortPeriod(p.name)}</Table.Th>),
                  <Table.Th key={`${s.id}y`} scope="col" className="reports-number">{t('reports.summary.yearMark')}</Table.Th>,
                  ...extra.map((kind) => <Table.Th key={`${s.id}${kind}`} scope="col" className="reports-number">{t(`classroom.yearMarks.${kind}`)}</Table.Th>)]
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
                      <Table.Td key={`${subject.id}y`} className="reports-number reports-strong">{mark(cell?.yearMark)}</Table.Td>,
                      ...extra.map((kind) => <Table.Td key={`${subject.id}${kind}`} className="reports-number">{mark(cell?.[kind])}</Table.Td>)];
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
