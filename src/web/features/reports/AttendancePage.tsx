import { Alert, Anchor, Button, Group, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { AttendanceReport, AttendanceWeek, SchoolAttendance } from '../../../shared/contract/attendanceReports.ts';
import { attendanceLetter } from '../../../shared/domain/attendance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { sortPeriods } from '../control/periods.ts';
import { todayIso } from '../diary/dates.ts';
import { attendanceFileUrl, useAttendanceReport, useSchoolAttendance } from './api.ts';
import { useReportClass } from './reportClass.tsx';
import { WeeklySheetControl } from './WeeklySheetControl.tsx';
import { formatPercent, resultsPeriod } from './format.ts';
import { BackToReports } from './BackToReports.tsx';
import './reports.css';

// The chart (recharts) in its own chunk, fetched when a chart is first shown.
const AttendanceWeeksChart = lazy(async () => ({ default: (await import('./ReportCharts.tsx')).AttendanceWeeksChart }));

const COLUMNS = ['lessons', 'absent', 'ill', 'excused', 'missedLessons', 'late', 'fullDays'] as const;
const WEEK_COLUMNS = ['absent', 'ill', 'excused', 'missedLessons', 'late'] as const;
/** The class selector's value for every class the person may see. */
const ALL = '*';

/**
 * `/school/:schoolId/attendance-report[?scope=school]`: attendance for any dates up to a year (seed 001 §7, 002 §7) —
 * lessons missed by reason, late, full days missed — of one class by student, or of the whole school
 * (a class teacher: all his classes) by class; a class's line opens the class. A chart of the weeks
 * above their table; both as XLSX and PDF. A class teacher is offered his classes only.
 */
export function AttendancePage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const reportClass = useReportClass(schoolId);
  const { year, list, klass, periods, ofClass, error, wholeSchool } = reportClass;
  // `?scope=school` opens on the whole school (a link, the screenshots).
  const [params] = useSearchParams();
  const [all, setAll] = useState(params.get('scope') === 'school');
  const school = all && list.length > 0;
  const offered = school ? sortPeriods(periods.data ?? []) : ofClass;
  const fallback = resultsPeriod(offered, todayIso());
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = range?.from ?? fallback?.startsOn ?? '';
  const to = range?.to ?? fallback?.endsOn ?? '';
  const matching = offered.find((p) => p.startsOn === from && p.endsOn === to);
  const query = !school && klass && from && to ? { classId: klass.id, from, to } : null;
  const report = useAttendanceReport(schoolId, query);
  const schoolReport = useSchoolAttendance(schoolId, school && from && to ? { from, to } : null);
  const [picked, setPicked] = useState<string | null>(null);
  const student = report.data?.students.find((s) => s.id === picked);
  const detail = useAttendanceReport(schoolId, query && student ? { ...query, studentId: student.id } : null);
  const current = school ? schoolReport : report;
  const fileQuery = school ? { from, to } : query;
  const allLabel = t(wholeSchool ? 'reports.attendance.wholeSchool' : 'reports.attendance.ownClasses');
  const date = (iso: string) => dateText(iso, i18n.language);

  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('reports.attendance.title')}</Title>
      <Text size="sm">{t('reports.attendance.intro')}</Text>
      <div className="reports-filters">
        <NativeSelect
          label={t('reports.summary.class')}
          value={school ? ALL : klass?.id ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setAll(value === ALL);
            if (value !== ALL) reportClass.setClassChoice(value);
          }}
          data={[
            ...(wholeSchool || list.length > 1 ? [{ value: ALL, label: allLabel }] : []),
            ...list.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <NativeSelect
          label={t('reports.period')}
          value={matching?.id ?? ''}
          onChange={(e) => {
            const p = offered.find((x) => x.id === e.currentTarget.value);
            if (p) setRange({ from: p.startsOn, to: p.endsOn });
          }}
          data={[{ value: '', label: t('reports.attendance.ownDates') }, ...offered.map((p) => ({
            value: p.id, label: school ? t('reports.periodOption', { name: p.name, from: p.gradeFrom, to: p.gradeTo }) : p.name,
          }))]}
        />
        <TextInput type="date" label={t('reports.attendance.from')} value={from} onChange={(e) => setRange({ from: e.currentTarget.value, to })} />
        <TextInput type="date" label={t('reports.attendance.to')} value={to} onChange={(e) => setRange({ from, to: e.currentTarget.value })} />
      </div>
      {(error ?? periods.error) && <ErrorAlert error={error ?? periods.error} />}
      {year && !error && list.length === 0 && <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>}
      {current.isError && <ErrorAlert error={current.error} />}
      {current.isPending && current.fetchStatus === 'fetching' && <FullPageLoader />}
      {fileQuery && current.data && !current.isError && (
        <Group gap="sm">
          <Button component="a" variant="default" size="sm" href={attendanceFileUrl(schoolId, fileQuery, 'xlsx')} download>{t('reports.attendance.downloadXlsx')}</Button>
          <Button component="a" variant="default" size="sm" href={attendanceFileUrl(schoolId, fileQuery, 'pdf')} download>{t('reports.attendance.downloadPdf')}</Button>
        </Group>
      )}
      {current.data && !current.isError && (
        <Weeks
          weeks={current.data.weeks}
          name={school ? allLabel : report.data?.class.name ?? ''}
          from={date(current.data.from)}
          to={date(current.data.to)}
        />
      )}
      {school && schoolReport.data && !schoolReport.isError && (
        <SchoolTable report={schoolReport.data} onPick={(classId) => { reportClass.setClassChoice(classId); setAll(false); }} />
      )}
      {!school && report.data && !report.isError && <AttendanceTable report={report.data} onPick={setPicked} />}
      {!school && student && detail.isError && <ErrorAlert error={detail.error} />}
      {!school && student && detail.data && !detail.isPlaceholderData && <StudentLessons name={student.name} lessons={detail.data.lessons} />}
      {!school && klass && <WeeklySheetControl schoolId={schoolId} classId={klass.id} className={klass.name} />}
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

/** The school by class: a line per class (its name opens the class), the total. */
function SchoolTable({ report, onPick }: { report: SchoolAttendance; onPick: (classId: string) => void }) {
  const { t, i18n } = useTranslation();
  if (report.classes.length === 0) return <Alert color="gray" role="status">{t('reports.summary.noClasses')}</Alert>;
  const date = (iso: string) => dateText(iso, i18n.language);
  const caption = t('reports.attendance.schoolCaption', { from: date(report.from), to: date(report.to) });
  const percent = (value: number | null) => formatPercent(value, i18n.language);
  return (
    <Stack gap="xs">
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder striped verticalSpacing="xs" className="reports-table">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.attendance.schoolColumns.class')}</Table.Th>
              <Table.Th scope="col" className="reports-number">{t('reports.attendance.schoolColumns.students')}</Table.Th>
              {COLUMNS.map((c) => <Table.Th key={c} scope="col" className="reports-number">{t(`reports.attendance.columns.${c}`)}</Table.Th>)}
              <Table.Th scope="col" className="reports-number">{t('reports.attendance.schoolColumns.missedPercent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.classes.map((c) => (
              <Table.Tr key={c.classId}>
                <Table.Th scope="row">
                  <Anchor component="button" type="button" fw={700} onClick={() => onPick(c.classId)}>{c.name}</Anchor>
                </Table.Th>
                <Table.Td className="reports-number">{c.students}</Table.Td>
                {COLUMNS.map((k) => <Table.Td key={k} className="reports-number">{c[k]}</Table.Td>)}
                <Table.Td className="reports-number">{percent(c.missedPercent)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="reports-total">
              <Table.Th scope="row">{t(report.reach === 'school' ? 'reports.attendance.schoolTotal' : 'reports.attendance.total')}</Table.Th>
              <Table.Td className="reports-number">{report.total.students}</Table.Td>
              {COLUMNS.map((k) => <Table.Td key={k} className="reports-number">{report.total[k]}</Table.Td>)}
              <Table.Td className="reports-number">{percent(report.total.missedPercent)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
      <Text size="xs" className="reports-note">{t('reports.attendance.legend')}</Text>
      <Text size="xs" className="reports-note">{t('reports.attendance.schoolLegend')}</Text>
      <Text size="xs" className="reports-note">{t('reports.attendance.classHint')}</Text>
    </Stack>
  );
}

/** Lessons missed week by week: the chart (its own chunk) and beside it the table of the same figures. */
function Weeks({ weeks, name, from, to }: { weeks: readonly AttendanceWeek[]; name: string; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  if (weeks.length === 0) return null;
  const caption = t('reports.attendance.weeksCaption', { name });
  return (
    <div className="reports-chart-pair">
      <Suspense fallback={<Loader size="sm" />}>
        <AttendanceWeeksChart weeks={weeks} label={t('reports.attendance.chartLabel', { name, from, to })} />
      </Suspense>
      <div className="reports-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table withTableBorder verticalSpacing={4} className="reports-detail">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.attendance.week')}</Table.Th>
              {WEEK_COLUMNS.map((c) => <Table.Th key={c} scope="col" className="reports-number">{t(`reports.attendance.columns.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((w) => (
              <Table.Tr key={w.week}>
                <Table.Th scope="row">{dateText(w.week, i18n.language)}</Table.Th>
                {WEEK_COLUMNS.map((c) => <Table.Td key={c} className="reports-number">{w[c]}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </div>
  );
}
