import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { LessonFigures, SchoolControlFigures } from '../../../shared/contract/oversight.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { formatPercent } from '../reports/format.ts';
import { BackToReports } from '../reports/BackToReports.tsx';
import '../reports/reports.css';
import './oversight.css';
import { controlFiguresFileUrl, useControlFigures } from './api.ts';
import { formatDate, monthRange, weekRange } from './dates.ts';

type FigureRow = { key: string; part: number; whole: number; percent: number | null };

/** The school's figures as lines: what, how many, of how many, the share. */
export function figureRows(f: SchoolControlFigures): FigureRow[] {
  return [
    { key: 'topic', part: f.lessons.withTopic, whole: f.lessons.given, percent: f.lessons.topicPercent },
    { key: 'marks', part: f.lessons.withMarks, whole: f.lessons.given, percent: f.lessons.marksPercent },
    { key: 'attendance', part: f.lessons.withAttendance, whole: f.lessons.given, percent: f.lessons.attendancePercent },
    { key: 'homework', part: f.lessons.withHomework, whole: f.lessons.given, percent: f.lessons.homeworkPercent },
    { key: 'teachersTopics', part: f.teachers.allTopics, whole: f.teachers.active, percent: f.teachers.allTopicsPercent },
    { key: 'teachersAttendance', part: f.teachers.allAttendance, whole: f.teachers.active, percent: f.teachers.allAttendancePercent },
    { key: 'withoutMarks', part: f.withoutMarks.withoutMarks, whole: f.withoutMarks.students, percent: f.withoutMarks.percent },
    { key: 'students7', part: f.diary.students7, whole: f.diary.students, percent: f.diary.students7Percent },
    { key: 'students30', part: f.diary.students30, whole: f.diary.students, percent: f.diary.students30Percent },
    { key: 'guardians7', part: f.diary.guardians7, whole: f.diary.guardians, percent: f.diary.guardians7Percent },
    { key: 'guardians30', part: f.diary.guardians30, whole: f.diary.guardians, percent: f.diary.guardians30Percent },
    { key: 'activated', part: f.usage.activated, whole: f.usage.accounts, percent: f.usage.activatedPercent },
    { key: 'signedIn30', part: f.usage.signedIn30, whole: f.usage.accounts, percent: f.usage.signedIn30Percent },
  ];
}

/** The figures table of a school or a municipality: a line per figure with its count, its base and the share. */
export function FiguresTable({ figures, weeks, caption }: { figures: SchoolControlFigures; weeks: number; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="reports-scroll">
      <Table verticalSpacing="xs" striped withTableBorder className="reports-table oversight-figures">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('oversight.control.figure')}</Table.Th>
            <Table.Th scope="col" className="reports-number">{t('oversight.control.count')}</Table.Th>
            <Table.Th scope="col" className="reports-number">{t('oversight.control.of')}</Table.Th>
            <Table.Th scope="col" className="reports-number">{t('oversight.control.percent')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figureRows(figures).map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row">{t(`oversight.control.rows.${row.key}`, { weeks })}</Table.Th>
              <Table.Td className="reports-number">{row.part}</Table.Td>
              <Table.Td className="reports-number">{row.whole}</Table.Td>
              <Table.Td className="reports-number">{formatPercent(row.percent, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

const LESSON_COLUMNS = [
  ['withTopic', 'topicPercent'], ['withMarks', 'marksPercent'], ['withAttendance', 'attendancePercent'], ['withHomework', 'homeworkPercent'],
] as const;

function lessonCells(l: LessonFigures, language: string) {
  return [
    <Table.Td key="given" className="reports-number">{l.given}</Table.Td>,
    ...LESSON_COLUMNS.map(([count, percent]) => (
      <Table.Td key={count} className="reports-number">{l[count]} ({formatPercent(l[percent], language)})</Table.Td>
    )),
  ];
}

/**
 * `/school/:schoolId/control-figures`: «Контроль ведения журнала» in figures (seed 002 §4.5.5,
 * 004 §5.1) for a week or a month — the school's figures with their counts, then each teacher's.
 */
export function ControlFiguresPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const [span, setSpan] = useState<'week' | 'month'>('month');
  const [search] = useSearchParams();
  // `?day=2026-11-23` opens the month (or week) of that day; else today's.
  const [day, setDay] = useState(/^\d{4}-\d{2}-\d{2}$/.test(search.get('day') ?? '') ? search.get('day')! : todayIso());
  const [weeks, setWeeks] = useState(3);
  const range = span === 'week' ? weekRange(day) : monthRange(day.slice(0, 7));
  const q = { ...range, weeks };
  const figures = useControlFigures(schoolId, q);
  const language = i18n.language;
  return (
    <Stack gap="md">
      <BackToReports />
      <Title order={1} size="h2">{t('oversight.control.title')}</Title>
      <Text size="sm">{t('oversight.control.intro')}</Text>
      <div className="reports-filters">
        <NativeSelect
          label={t('oversight.control.span')} value={span} onChange={(e) => setSpan(e.currentTarget.value === 'week' ? 'week' : 'month')}
          data={[{ value: 'month', label: t('oversight.control.monthSpan') }, { value: 'week', label: t('oversight.control.week') }]}
        />
        <TextInput type="date" label={t('oversight.control.day')} value={day} onChange={(e) => { if (/^\d{4}-\d{2}-\d{2}$/.test(e.currentTarget.value)) setDay(e.currentTarget.value); }} />
        <NativeSelect
          label={t('oversight.control.weeks')} value={String(weeks)} onChange={(e) => setWeeks(Number(e.currentTarget.value))}
          data={Array.from({ length: 12 }, (_, i) => String(i + 1))}
        />
      </div>
      {figures.isError && <ErrorAlert error={figures.error} />}
      {figures.isPending && <FullPageLoader />}
      {figures.data && (
        <>
          <Group gap="sm">
            <Button component="a" variant="default" size="sm" href={controlFiguresFileUrl(schoolId, q, 'xlsx')} download>{t('oversight.downloadXlsx')}</Button>
            <Button component="a" variant="default" size="sm" href={controlFiguresFileUrl(schoolId, q, 'pdf')} download>{t('oversight.downloadPdf')}</Button>
          </Group>
          <FiguresTable
            figures={figures.data.school} weeks={figures.data.weeks}
            caption={t('oversight.control.schoolCaption', { from: formatDate(figures.data.from, language), to: formatDate(figures.data.to, language) })}
          />
          {figures.data.teachers.length === 0 ? <Alert color="gray" role="status">{t('oversight.control.noLessons')}</Alert> : (
            <div className="reports-scroll">
              <Table verticalSpacing="xs" striped withTableBorder className="reports-table">
                <Table.Caption>{t('oversight.control.teachersCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('oversight.control.teacher')}</Table.Th>
                    <Table.Th scope="col" className="reports-number">{t('oversight.control.given')}</Table.Th>
                    {LESSON_COLUMNS.map(([count]) => <Table.Th key={count} scope="col" className="reports-number">{t(`oversight.control.${count}`)}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {figures.data.teachers.map((row) => (
                    <Table.Tr key={row.staffId}>
                      <Table.Th scope="row">{row.name}</Table.Th>
                      {lessonCells(row.lessons, language)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr className="reports-total">
                    <Table.Th scope="row">{t('oversight.control.schoolTotal')}</Table.Th>
                    {lessonCells(figures.data.school.lessons, language)}
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </div>
          )}
          <Text size="xs" className="reports-note">{t('oversight.control.legend', { from: formatDate(figures.data.withoutMarksFrom, language) })}</Text>
        </>
      )}
    </Stack>
  );
}
