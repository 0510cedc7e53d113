import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ForecastNextDto, ForecastReport, ForecastRiskDto } from '../../../shared/contract/reports.ts';
import { defaultPeriod } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { forecastFileUrl, useForecast } from './api.ts';
import { ReportClassSelect, useReportClass } from './reportClass.tsx';
import { formatMean, formatPercent } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

const VALUES = ['5', '4', '3', '2', 'notAssessed'] as const;
type Cell = ForecastReport['cells'][number];

/**
 * `/school/:schoolId/forecast`: прогноз of a class for a period (seeds 001 §2.7, 002 §2.7) — the
 * forecast marks' distribution and % at the top, then the students, those at risk first, each
 * subject's suggested mark with what it takes to reach the next one.
 */
export function ForecastPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const reportClass = useReportClass(schoolId);
  const { year, list, klass, periods, ofClass, error } = reportClass;
  const [periodChoice, setPeriodChoice] = useState('');
  const period = ofClass.find((p) => p.id === periodChoice) ?? defaultPeriod(ofClass, todayIso());
  const report = useForecast(schoolId, klass && period ? { classId: klass.id, periodId: period.id } : null);

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.forecast.title')}</Title>
      <Text size="sm">{t('reports.forecast.intro')}</Text>
      <div className="reports-filters">
        <ReportClassSelect report={reportClass} />
        <NativeSelect
          label={t('reports.period')}
          value={period?.id ?? ''}
          onChange={(e) => setPeriodChoice(e.currentTarget.value)}
          data={ofClass.map((p) => ({ value: p.id, label: p.name }))}
        />
      </div>
      {(error ?? periods.error) && <ErrorAlert error={error ?? periods.error} />}
      {year && !error && list.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.isPending && report.fetchStatus === 'fetching' && <FullPageLoader />}
      {report.data && !report.isError && klass && period && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={forecastFileUrl(schoolId, { classId: klass.id, periodId: period.id }, 'xlsx')} download>
            {t('reports.forecast.downloadXlsx')}
          </Button>
          <Button component="a" variant="default" size="sm" href={forecastFileUrl(schoolId, { classId: klass.id, periodId: period.id }, 'pdf')} download>
            {t('reports.forecast.downloadPdf')}
          </Button>
        </Group>
      )}
      {report.data && !report.isError && <ForecastView report={report.data} />}
    </Stack>
  );
}

function ForecastView({ report }: { report: ForecastReport }) {
  const { t, i18n } = useTranslation();
  if (report.students.length === 0) return <Alert color="gray" role="status">{t('reports.summary.noStudents')}</Alert>;
  const cells = new Map(report.cells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
  const students = [...report.students].sort((a, b) => Number(b.atRisk) - Number(a.atRisk));
  const caption = t('reports.forecast.caption', { name: report.class.name, period: report.period.name });
  const figuresCaption = t('reports.forecast.figuresCaption', { name: report.class.name, period: report.period.name });
  return (
    <Stack gap="md">
      <Table withTableBorder verticalSpacing="xs" className="reports-table" maw={720}>
        <Table.Caption>{figuresCaption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {VALUES.map((v) => <Table.Th key={v} scope="col" className="reports-number">{t(`reports.forecast.value.${v}`)}</Table.Th>)}
            <Table.Th scope="col" className="reports-number">{t('reports.results.columns.progressPercent')}</Table.Th>
            <Table.Th scope="col" className="reports-number">{t('reports.results.columns.qualityPercent')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {VALUES.map((v) => <Table.Td key={v} className="reports-number">{report.distribution[v]}</Table.Td>)}
            <Table.Td className="reports-number">{formatPercent(report.figures.progressPercent, i18n.language)}</Table.Td>
            <Table.Td className="reports-number">{formatPercent(report.figures.qualityPercent, i18n.language)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" className="reports-note">{t('reports.forecast.figuresNote')}</Text>
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder verticalSpacing="xs" className="reports-table reports-opaque">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className="reports-sticky">{t('reports.summary.student')}</Table.Th>
              {report.subjects.map((s) => <Table.Th key={s.id} scope="col">{s.name}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {students.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" className="reports-sticky">
                  <Text span fw={700}>{s.name}</Text>
                  {s.atRisk && <Badge ml="xs" color="red" variant="light">{t('reports.forecast.atRisk')}</Badge>}
                  {s.left && <Text span size="xs" c="dimmed"> {t('reports.summary.left')}</Text>}
                </Table.Th>
                {report.subjects.map((subject) => {
                  const cell = cells.get(`${s.id}|${subject.id}`);
                  return <Table.Td key={subject.id}>{cell ? <ForecastCell cell={cell} /> : '—'}</Table.Td>;
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('reports.forecast.legend')}</Text>
    </Stack>
  );
}

function ForecastCell({ cell }: { cell: Cell }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text span fw={700} c={cell.risks.length > 0 ? 'red.8' : undefined} className="reports-nowrap">{t(`reports.forecast.value.${cell.forecast}`)}</Text>
        <Text span size="xs" c="dimmed">
          {t('reports.forecast.meanOf', { mean: formatMean(cell.mean, i18n.language), count: cell.count })}
        </Text>
      </Group>
      <Text size="xs">{nextText(cell.next, t)}</Text>
      {cell.risks.map((r) => <Text key={r.code} size="xs" c="red.8">{riskText(r, t, i18n.language)}</Text>)}
    </Stack>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function nextText(next: ForecastNextDto, t: T): string {
  if (next.code === 'top') return t('reports.forecast.next.top');
  if (next.code === 'unreachable') return t('reports.forecast.next.unreachable', { max: next.max });
  return t('reports.forecast.next.fives', { count: next.fives, weight: next.weight, value: next.value });
}

function riskText(risk: ForecastRiskDto, t: T, language: string): string {
  if (risk.code === 'too_few_marks') return t('reports.forecast.risk.tooFewMarks', { n: risk.n, min: risk.min });
  if (risk.code === 'not_assessed') return t('reports.forecast.risk.notAssessed');
  if (risk.code === 'failing') return t('reports.forecast.risk.failing');
  return t(risk.below ? 'reports.forecast.risk.justBelow' : 'reports.forecast.risk.justAbove', {
    mean: formatMean(risk.mean, language), mark: risk.mark, threshold: formatMean(risk.threshold, language),
  });
}
