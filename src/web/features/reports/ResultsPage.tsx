import { Alert, Button, Group, Loader, NativeSelect, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { PeriodResults, ResultsBreakdown, ResultsView } from '../../../shared/contract/reports.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { usePeriods, useYears } from '../control/api.ts';
import { sortPeriods } from '../control/periods.ts';
import { todayIso } from '../diary/dates.ts';
import { resultsViewFileUrl, usePeriodResults, useResultsBreakdown } from './api.ts';
import { choiceValue, COUNT_COLUMNS, figureText, parseChoice, RATE_COLUMNS, type ResultsChoice, resultsPeriod } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

const COLUMNS = [...COUNT_COLUMNS, ...RATE_COLUMNS];

// The chart (recharts) in its own chunk, fetched when the results are first shown.
const ResultsByClassChart = lazy(async () => ({ default: (await import('./ReportCharts.tsx')).ResultsByClassChart }));

/**
 * `/school/:schoolId/results`: итоги успеваемости of a period or the year, per class and for the
 * school (seed 001 §7, 002 §7). A class teacher sees only his class; the server decides.
 */
export function ResultsPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const today = todayIso();
  const years = useYears(schoolId);
  const [yearChoice, setYearChoice] = useState('');
  const year = years.data?.find((y) => y.id === yearChoice) ?? (years.data ? currentYear(years.data, today) : undefined);
  const periods = usePeriods(schoolId, year?.id);
  const sorted = sortPeriods(periods.data ?? []);
  const [picked, setPicked] = useState<ResultsChoice | null>(null);
  const fallback = resultsPeriod(sorted, today);
  const choice: ResultsChoice | null = picked && (('periodId' in picked && sorted.some((p) => p.id === picked.periodId))
    || ('academicYearId' in picked && picked.academicYearId === year?.id))
    ? picked
    : fallback ? { periodId: fallback.id } : year ? { academicYearId: year.id } : null;
  // The view is in the address (`?view=subject`), so a link or a reload keeps it.
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view: ResultsView = asked === 'subject' || asked === 'teacher' ? asked : 'class';
  const setView = (next: ResultsView) => setParams((old) => {
    const copy = new URLSearchParams(old);
    if (next === 'class') copy.delete('view');
    else copy.set('view', next);
    return copy;
  }, { replace: true });
  const results = usePeriodResults(schoolId, view === 'class' ? choice : null);
  const breakdown = useResultsBreakdown(schoolId, choice, view === 'class' ? null : view);
  const shown = view === 'class' ? results : breakdown;
  const hasRows = view === 'class' ? (results.data?.classes.length ?? 0) > 0 : (breakdown.data?.rows.length ?? 0) > 0;

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.results.title')}</Title>
      <Text size="sm">{t('reports.results.intro')}</Text>
      <div className="reports-filters">
        {(years.data?.length ?? 0) > 1 && (
          <NativeSelect
            label={t('reports.year')}
            value={year?.id ?? ''}
            onChange={(e) => { setYearChoice(e.currentTarget.value); setPicked(null); }}
            data={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
          />
        )}
        {year && (
          <NativeSelect
            label={t('reports.period')}
            value={choice ? choiceValue(choice) : ''}
            onChange={(e) => setPicked(parseChoice(e.currentTarget.value))}
            data={[
              ...sorted.map((p) => ({ value: choiceValue({ periodId: p.id }), label: t('reports.periodOption', { name: p.name, from: p.gradeFrom, to: p.gradeTo }) })),
              { value: choiceValue({ academicYearId: year.id }), label: t('reports.wholeYear') },
            ]}
          />
        )}
        <div>
          <Text size="sm" fw={500} mb={4} id="results-view-label">{t('reports.resultsBy.view')}</Text>
          <SegmentedControl
            aria-labelledby="results-view-label"
            value={view}
            onChange={(value) => setView(value as ResultsView)}
            data={(['class', 'subject', 'teacher'] as const).map((v) => ({ value: v, label: t(`reports.resultsBy.${v}`) }))}
          />
        </div>
      </div>
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}
      {years.isSuccess && !year && <Alert color="gray" role="status">{t('reports.noYear')}</Alert>}
      {shown.isError && <ErrorAlert error={shown.error} />}
      {shown.isPending && choice && <FullPageLoader />}
      {shown.data && choice && hasRows && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={resultsViewFileUrl(schoolId, choice, view, 'xlsx')} download>{t('reports.results.downloadXlsx')}</Button>
          <Button component="a" variant="default" size="sm" href={resultsViewFileUrl(schoolId, choice, view, 'pdf')} download>{t('reports.results.downloadPdf')}</Button>
        </Group>
      )}
      {view === 'class' && results.data && <ResultsTable results={results.data} language={i18n.language} />}
      {view !== 'class' && breakdown.data && <BreakdownTable results={breakdown.data} language={i18n.language} />}
    </Stack>
  );
}

function ResultsTable({ results, language }: { results: PeriodResults; language: string }) {
  const { t } = useTranslation();
  if (results.classes.length === 0) return <Alert color="gray" role="status">{t('reports.results.noClasses')}</Alert>;
  return (
    <Stack gap="xs">
      <Suspense fallback={<Loader size="sm" />}>
        <ResultsByClassChart results={results} label={t('reports.results.chartLabel', { name: results.name })} />
      </Suspense>
      <div className="reports-scroll">
        <Table verticalSpacing="xs" striped withTableBorder className="reports-table">
          <Table.Caption>{t('reports.results.caption', { name: results.name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.results.columns.class')}</Table.Th>
              <Table.Th scope="col" className="reports-number">{t('reports.results.columns.students')}</Table.Th>
              {COLUMNS.map((column) => (
                <Table.Th key={column} scope="col" className="reports-number">{t(`reports.results.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.classes.map((row, i) => {
              const grade = results.grades.find((g) => g.grade === row.grade);
              const lastOfGrade = results.classes[i + 1]?.grade !== row.grade;
              return (
                <Fragment key={row.classId}>
                  <Table.Tr>
                    <Table.Th scope="row">{row.name}</Table.Th>
                    <Table.Td className="reports-number">{row.students}</Table.Td>
                    {COLUMNS.map((column) => <Table.Td key={column} className="reports-number">{figureText(row.figures, column, language)}</Table.Td>)}
                  </Table.Tr>
                  {lastOfGrade && grade && grade.classes > 1 && (
                    <Table.Tr className="reports-subtotal">
                      <Table.Th scope="row">{t('reports.results.gradeTotal', { grade: grade.grade })}</Table.Th>
                      <Table.Td className="reports-number">{grade.students}</Table.Td>
                      {COLUMNS.map((column) => <Table.Td key={column} className="reports-number">{figureText(grade.figures, column, language)}</Table.Td>)}
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="reports-total">
              <Table.Th scope="row">{t(results.reach === 'school' ? 'reports.results.schoolTotal' : 'reports.results.total')}</Table.Th>
              <Table.Td className="reports-number">{results.total.students}</Table.Td>
              {COLUMNS.map((column) => <Table.Td key={column} className="reports-number">{figureText(results.total.figures, column, language)}</Table.Td>)}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('reports.results.legend')}</Text>
      <Text size="xs" className="reports-note">{t('reports.results.formulas')}</Text>
      <Text size="xs" className="reports-note">{t('reports.results.policyNote')}</Text>
    </Stack>
  );
}

/** Итоги per subject or per teacher: a row each, what it covers under its name, the total; what counts stated under the table. */
function BreakdownTable({ results, language }: { results: ResultsBreakdown; language: string }) {
  const { t } = useTranslation();
  if (results.rows.length === 0) return <Alert color="gray" role="status">{t('reports.resultsBy.noRows')}</Alert>;
  const bySubject = results.view === 'subject';
  return (
    <Stack gap="xs">
      <div className="reports-scroll">
        <Table verticalSpacing="xs" striped withTableBorder className="reports-table">
          <Table.Caption>{t(bySubject ? 'reports.resultsBy.captionSubject' : 'reports.resultsBy.captionTeacher', { name: results.name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(bySubject ? 'reports.resultsBy.columnSubject' : 'reports.resultsBy.columnTeacher')}</Table.Th>
              <Table.Th scope="col" className="reports-number">{t('reports.resultsBy.columnStudents')}</Table.Th>
              {COLUMNS.map((column) => (
                <Table.Th key={column} scope="col" className="reports-number">{t(`reports.results.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row" className="reports-named">
                  <div>{row.name}</div>
                  <Text size="xs" c="dimmed" fw={400}>{row.detail.join('; ')}</Text>
                </Table.Th>
                <Table.Td className="reports-number">{row.students}</Table.Td>
                {COLUMNS.map((column) => <Table.Td key={column} className="reports-number">{figureText(row.figures, column, language)}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="reports-total">
              <Table.Th scope="row">{t('reports.resultsBy.total')}</Table.Th>
              <Table.Td className="reports-number">{results.total.students}</Table.Td>
              {COLUMNS.map((column) => <Table.Td key={column} className="reports-number">{figureText(results.total.figures, column, language)}</Table.Td>)}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t(bySubject ? 'reports.resultsBy.noteSubject' : 'reports.resultsBy.noteTeacher')}</Text>
      <Text size="xs" className="reports-note">{t('reports.results.formulas')}</Text>
      <Text size="xs" className="reports-note">{t('reports.results.policyNote')}</Text>
    </Stack>
  );
}
