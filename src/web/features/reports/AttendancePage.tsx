import { Alert, Anchor, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { AttendanceReport } from '../../../shared/contract/reports.ts';
import { attendanceLetter } from '../../../shared/domain/attendance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useAttendanceReport } from './api.ts';
import { ReportClassSelect, useReportClass } from './reportClass.tsx';
import { WeeklySheetControl } from './WeeklySheetControl.tsx';
import { resultsPeriod } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

const COLUMNS = ['lessons', 'absent', 'ill', 'excused', 'missedLessons', 'late', 'fullDays'] as const;

/**
 * `/school/:schoolId/attendance-report`: a class's attendance for any dates up to a year (seed 001 §7,
 * 002 §7) — lessons missed by reason, late, full days missed. A class teacher is offered his class only.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const reportClass = useReportClass(schoolId);
  const { year, list, klass, periods, ofClass, error } = reportClass;
  const fallback = resultsPeriod(ofClass, todayIso());
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = range?.from ?? fallback?.startsOn ?? '';
  const to = range?.to ?? fallback?.endsOn ?? '';
  const matching = ofClass.find((p) => p.startsOn === from && p.endsOn === to);
  const query = klass && from && to ? { classId: klass.id, from, to } : null;
  const report = useAttendanceReport(schoolId, query);
  const [picked, setPicked] = useState<string | null>(null);
  const student = report.data?.students.find((s) => s.id === picked);
  const detail = useAttendanceReport(schoolId, query && student ? { ...query, studentId: student.id } : null);

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.attendance.title')}</Title>
      <Text size="sm">{t('reports.attendance.intro')}</Text>
      <div className="reports-filters">
        <ReportClassSelect report={reportClass} />
        <NativeSelect
          label={t('reports.period')}
          value={matching?.id ?? ''}
          onChange={(e) => {
            const p = ofClass.find((x) => x.id === e.currentTarget.value);
            if (p) setRange({ from: p.startsOn, to: p.endsOn });
          }}
          data={[{ value: '', label: t('reports.attendance.ownDates') }, ...ofClass.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <TextInput type="date" label={t('reports.attendance.from')} value={from} onChange={(e) => setRange({ from: e.currentTarget.value, to })} />
        <TextInput type="date" label={t('reports.attendance.to')} value={to} onChange={(e) => setRange({ from, to: e.currentTarget.value })} />
      </div>
      {(error ?? periods.error) && <ErrorAlert error={error ?? periods.error} />}
      {year && !error && list.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.isPending && report.fetchStatus === 'fetching' && <FullPageLoader />}
      {report.data && !report.isError && <AttendanceTable report={report.data} onPick={setPicked} />}
      {student && detail.isError && <ErrorAlert error={detail.error} />}
      {student && detail.data && !detail.isPlaceholderData && <StudentLessons name={student.name} lessons={detail.data.lessons} />}
      {klass && <WeeklySheetControl schoolId={schoolId} classId={klass.id} className={klass.name} />}
    </Stack>
  );
}

const dateText = (iso: string, language: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(language.startsWith('en') ? 'en-GB' : 'ru-RU', { timeZone: 'UTC' });

function AttendanceTable({ report, onPick }: { report: AttendanceReport; onPick: (studentId: string) => void }) {
  const { t, i18n } = useTranslation();
  if (report.students.length === 0) return <Alert color="gray" role="status">{t('reports.summary.noStudents')}</Alert>;
  const date = (iso: string) => dateText(iso, i18n.language);
  const caption = t('reports.attendance.caption', { name: report.class.name, from: date(report.from), to: date(report.to) });
  return (
    <Stack gap="xs">
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder verticalSpacing="xs" className="reports-table reports-opaque">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className="reports-sticky">{t('reports.summary.student')}</Table.Th>
              {COLUMNS.map((c) => <Table.Th key={c} scope="col" className="reports-number">{t(`reports.attendance.columns.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.students.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" className="reports-sticky">
                  <Anchor component="button" type="button" fw={700} onClick={() => onPick(s.id)}>{s.name}</Anchor>
                  {s.left && <Text span size="xs" c="dimmed"> {t('reports.summary.left')}</Text>}
                </Table.Th>
                {COLUMNS.map((c) => <Table.Td key={c} className="reports-number">{s[c]}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="reports-total">
              <Table.Th scope="row" className="reports-sticky">{t('reports.results.total')}</Table.Th>
              {COLUMNS.map((c) => <Table.Td key={c} className="reports-number">{report.total[c]}</Table.Td>)}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('reports.attendance.legend')}</Text>
      <Text size="xs" className="reports-note">{t('reports.attendance.pickHint')}</Text>
    </Stack>
  );
}

/** The drill-down: one student's lessons with a code, by date. */
function StudentLessons({ name, lessons }: { name: string; lessons: AttendanceReport['lessons'] }) {
  const { t, i18n } = useTranslation();
  const caption = t('reports.attendance.detailCaption', { name });
  if (lessons.length === 0) return <Alert color="gray" role="status">{t('reports.attendance.noDetail', { name })}</Alert>;
  return (
    <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table withTableBorder verticalSpacing={4} className="reports-table reports-detail">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.attendance.date')}</Table.Th>
            <Table.Th scope="col" className="reports-number">{t('reports.attendance.lessonNumber')}</Table.Th>
            <Table.Th scope="col">{t('reports.attendance.subject')}</Table.Th>
            <Table.Th scope="col">{t('reports.attendance.code')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lessons.map((l) => (
            <Table.Tr key={`${l.date}|${l.lessonNumber}|${l.subject}`}>
              <Table.Td>{dateText(l.date, i18n.language)}</Table.Td>
              <Table.Td className="reports-number">{l.lessonNumber}</Table.Td>
              <Table.Td>{l.subject}</Table.Td>
              <Table.Td>{attendanceLetter(l.code)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
