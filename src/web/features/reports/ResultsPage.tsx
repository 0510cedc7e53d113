import { Alert, Button, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PeriodResults } from '../../../shared/contract/reports.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { usePeriods, useYears } from '../control/api.ts';
import { sortPeriods } from '../control/periods.ts';
import { todayIso } from '../diary/dates.ts';
import { periodResultsFileUrl, usePeriodResults } from './api.ts';
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
  const results = usePeriodResults(schoolId, choice);

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
      </div>
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}
      {years.isSuccess && !year && <Alert color="gray" role="status">{t('reports.noYear')}</Alert>}
      {results.isError && <ErrorAlert error={results.error} />}
      {results.isPending && choice && <FullPageLoader />}
      {results.data && choice && results.data.classes.length > 0 && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={periodResultsFileUrl(schoolId, choice, 'xlsx')} download>{t('reports.results.downloadXlsx')}</Button>
          <Button component="a" variant="default" size="sm" href={periodResultsFileUrl(schoolId, choice, 'pdf')} download>{t('reports.results.downloadPdf')}</Button>
        </Group>
      )}
      {results.data && <ResultsTable results={results.data} language={i18n.language} />}
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
