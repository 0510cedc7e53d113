import { Alert, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TeacherReport } from '../../../shared/contract/teacherReport.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { usePeriods, useStaff, useYears } from '../control/api.ts';
import { sortPeriods } from '../control/periods.ts';
import { formatCompact, todayIso } from '../diary/dates.ts';
import { teacherReportFileUrl, useTeacherReport } from './api.ts';
import { figureText, resultsPeriod } from './format.ts';
import './reports.css';

const WHOLE_SCHOOL = new Set(['admin', 'director', 'deputy']);
const COUNTS = ['scheduled', 'given', 'loadHours', 'planHours', 'planned', 'marks', 'students'] as const;
const FIGURES = ['excellent', 'good', 'oneThree', 'failing', 'notAssessed', 'progressPercent', 'qualityPercent', 'sou', 'meanMark'] as const;

/**
 * `/school/:schoolId/teacher-report`: отчёт учителя for a period (issue 13, report 4). A teacher sees
 * his own; the administration picks any teacher. The server decides whose a caller may read.
 */
export function TeacherReportPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const today = todayIso();
  const me = useMe();
  const wholeSchool = !!me.data?.roles.some((r) => r.schoolId === schoolId && WHOLE_SCHOOL.has(r.role));
  const ownStaff = me.data?.roles.find((r) => r.schoolId === schoolId && r.role === 'teacher')?.personId ?? null;
  const staff = useStaff(schoolId);
  const [staffChoice, setStaffChoice] = useState('');
  const staffId = wholeSchool ? staffChoice || ownStaff || '' : undefined;
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, today) : undefined;
  const periods = usePeriods(schoolId, year?.id);
  const sorted = sortPeriods(periods.data ?? []);
  const [periodChoice, setPeriodChoice] = useState('');
  const period = sorted.find((p) => p.id === periodChoice) ?? resultsPeriod(sorted, today);
  const query = period && staffId !== '' ? { periodId: period.id, ...(staffId ? { staffId } : {}) } : null;
  const report = useTeacherReport(schoolId, query);
  const teachers = (wholeSchool ? staff.data ?? [] : []).filter((s) => s.dismissedOn === null);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('reports.teacherReport.title')}</Title>
      <Text size="sm">{t('reports.teacherReport.intro')}</Text>
      <div className="reports-filters">
        {wholeSchool && (
          <NativeSelect
            label={t('reports.teacherReport.teacher')}
            value={staffId ?? ''}
            onChange={(e) => setStaffChoice(e.currentTarget.value)}
            data={[{ value: '', label: t('reports.teacherReport.pickTeacher'), disabled: true }, ...teachers.map((s) => ({ value: s.id, label: s.fullName }))]}
          />
        )}
        {year && (
          <NativeSelect
            label={t('reports.period')}
            value={period?.id ?? ''}
            onChange={(e) => setPeriodChoice(e.currentTarget.value)}
            data={sorted.map((p) => ({ value: p.id, label: t('reports.periodOption', { name: p.name, from: p.gradeFrom, to: p.gradeTo }) }))}
          />
        )}
      </div>
      {(years.isError || periods.isError || staff.isError) && <ErrorAlert error={years.error ?? periods.error ?? staff.error} />}
      {years.isSuccess && !year && <Alert color="gray" role="status">{t('reports.noYear')}</Alert>}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.isPending && query && <FullPageLoader />}
      {report.data && query && report.data.rows.length > 0 && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={teacherReportFileUrl(schoolId, query, 'xlsx')} download>{t('reports.teacherReport.downloadXlsx')}</Button>
          <Button component="a" variant="default" size="sm" href={teacherReportFileUrl(schoolId, query, 'pdf')} download>{t('reports.teacherReport.downloadPdf')}</Button>
        </Group>
      )}
      {report.data && <ReportTable report={report.data} language={i18n.language} />}
    </Stack>
  );
}

function ReportTable({ report, language }: { report: TeacherReport; language: string }) {
  const { t } = useTranslation();
  if (report.rows.length === 0) return <Alert color="gray" role="status">{t('reports.teacherReport.noRows')}</Alert>;
  const dates = (list: string[]) => list.map((d) => formatCompact(d, language)).join(', ');
  const gaps = report.rows.filter((r) => r.noTopic.length > 0 || r.noHomework.length > 0);
  const withMarks = report.rows.filter((r) => r.marksByType.length > 0);
  return (
    <Stack gap="xs">
      <div className="reports-scroll">
        <Table verticalSpacing="xs" striped withTableBorder className="reports-table">
          <Table.Caption>{t('reports.teacherReport.caption', { teacher: report.teacher.name, period: report.period.name, to: formatCompact(report.countedTo, language) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.teacherReport.columns.group')}</Table.Th>
              <Table.Th scope="col">{t('reports.teacherReport.columns.subject')}</Table.Th>
              {[...COUNTS, ...FIGURES, 'noTopic', 'noHomework'].map((column) => (
                <Table.Th key={column} scope="col" className="reports-number">{t(`reports.teacherReport.columns.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={`${row.groupId}:${row.subjectId}`}>
                <Table.Th scope="row">{row.group}</Table.Th>
                <Table.Td>{row.subject}</Table.Td>
                {COUNTS.map((column) => <Table.Td key={column} className="reports-number">{row[column] ?? '—'}</Table.Td>)}
                {FIGURES.map((column) => <Table.Td key={column} className="reports-number">{figureText(row.figures, column, language)}</Table.Td>)}
                <Table.Td className="reports-number">{row.noTopic.length}</Table.Td>
                <Table.Td className="reports-number">{row.noHomework.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('reports.teacherReport.legend')}</Text>
      {withMarks.length > 0 && (
        <>
          <Title order={2} size="h4">{t('reports.teacherReport.marksTitle')}</Title>
          <List size="sm">
            {withMarks.map((row) => (
              <List.Item key={`${row.groupId}:${row.subjectId}`}>
                <b>{row.group} · {row.subject}:</b> {row.marksByType.map((m) => `${m.workType} — ${m.count}`).join('; ')}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Title order={2} size="h4">{t('reports.teacherReport.gapsTitle')}</Title>
      {gaps.length === 0 ? <Text size="sm">{t('reports.teacherReport.noGaps')}</Text> : (
        <List size="sm">
          {gaps.map((row) => (
            <List.Item key={`${row.groupId}:${row.subjectId}`}>
              <b>{row.group} · {row.subject}:</b>{' '}
              {[
                row.noTopic.length > 0 ? t('reports.teacherReport.noTopicDates', { dates: dates(row.noTopic) }) : '',
                row.noHomework.length > 0 ? t('reports.teacherReport.noHomeworkDates', { dates: dates(row.noHomework) }) : '',
              ].filter((s) => s !== '').join('; ')}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
