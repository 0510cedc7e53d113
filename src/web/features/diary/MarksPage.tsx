import { Alert, Card, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { DiaryFinalMarks, DiaryMarks, DiarySubjectMarks } from '../../../shared/contract/diary.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { ApiError } from '../../api/client.ts';
import { useDiaryEvents, useDiaryFinalMarks, useDiaryMarks, useDiaryStudents, usePeriod, useSchoolYears } from '../../api/diary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { formatCompact, formatShort, todayIso } from './dates.ts';
import { DiaryHeader } from './DiaryHeader.tsx';
import { explanationText, forecastText } from '../grading/explanation.ts';
import { markText } from './markText.ts';
import { formatMean, markTone, pickPeriod } from './periods.ts';

const notFoundError = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

/**
 * `/diary/:schoolId/:studentId/marks?period=`: the marks of one period by subject — every mark,
 * the weighted mean, the suggested period mark explained in words, the period mark when set —
 * and the period and year marks of the year. Live like the week.
 */
export function MarksPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '', studentId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const students = useDiaryStudents();
  const today = todayIso();

  const requestedPeriod = search.get('period');
  const requestedYear = search.get('year');
  const years = useSchoolYears(schoolId);
  const requested = usePeriod(schoolId, requestedPeriod);
  const year = (requested.data && years.data?.find((y) => y.id === requested.data.academicYearId))
    ?? years.data?.find((y) => y.id === requestedYear)
    ?? (requestedPeriod && requested.isPending ? undefined : currentYear(years.data ?? [], today));
  const finalMarks = useDiaryFinalMarks(schoolId, studentId, year?.id);
  const period = finalMarks.data ? pickPeriod(finalMarks.data.periods, today, requestedPeriod) : undefined;
  const marks = useDiaryMarks(schoolId, studentId, period?.id);
  useDiaryEvents(schoolId, studentId, finalMarks.isSuccess);

  const visibleYears = (years.data ?? []).filter((y) => y.status !== 'planning');
  const switchTo = (nextSchool: string, nextStudent: string) =>
    `/diary/${nextSchool}/${nextStudent}/marks${nextSchool === schoolId && period ? `?period=${period.id}` : ''}`;
  const failure = [finalMarks.error, marks.error, years.error].find(Boolean);
  const notFound = notFoundError(finalMarks.error) || notFoundError(marks.error);
  const loading = (years.isPending || finalMarks.isPending || (period && marks.isPending)) && !failure;

  return (
    <Stack gap="md">
      <DiaryHeader students={students.data ?? []} schoolId={schoolId} studentId={studentId} switchTo={switchTo} />

      {finalMarks.data && (
        <div className="diary-filters">
          {visibleYears.length > 1 && (
            <NativeSelect
              label={t('diary.year')}
              value={year?.id ?? ''}
              onChange={(event) => setSearch({ year: event.currentTarget.value })}
              data={visibleYears.map((y) => ({ value: y.id, label: y.name }))}
            />
          )}
          {finalMarks.data.periods.length > 0 && (
            <NativeSelect
              label={t('diary.period')}
              value={period?.id ?? ''}
              onChange={(event) => setSearch({ period: event.currentTarget.value })}
              data={finalMarks.data.periods.map((p) => ({
                value: p.id,
                label: `${p.name} (${formatShort(p.startsOn, i18n.language)} — ${formatShort(p.endsOn, i18n.language)})`,
              }))}
            />
          )}
        </div>
      )}

      {notFound && <Alert color="red" variant="light" title={t('diary.notFoundTitle')} role="alert">{t('diary.notFound')}</Alert>}
      {failure && !notFound && <ErrorAlert error={failure} />}
      {years.isSuccess && !year && <Alert color="gray" role="status">{t('diary.noYear')}</Alert>}
      {finalMarks.data && finalMarks.data.periods.length === 0 && <Alert color="gray" role="status">{t('diary.noPeriods')}</Alert>}
      {loading && <FullPageLoader />}

      {marks.data && period && <PeriodMarks data={marks.data} />}
      {finalMarks.data && year && finalMarks.data.periods.length > 0 && <FinalMarks data={finalMarks.data} yearName={year.name} />}
    </Stack>
  );
}

function PeriodMarks({ data }: { data: DiaryMarks }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="period-marks-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="period-marks-title">{t('diary.marksOfPeriod', { period: data.period.name })}</Title>
          <Text size="sm" c="dimmed">
            {t('diary.periodDates', { from: formatShort(data.period.startsOn, i18n.language), to: formatShort(data.period.endsOn, i18n.language) })}
            {' · '}{t('diary.live')}
          </Text>
        </div>
        {data.subjects.length === 0
          ? <Alert color="gray" role="status">{t('diary.noMarks')}</Alert>
          : <div className="diary-subjects">{data.subjects.map((s) => <SubjectCard key={s.subject.id} subject={s} periodName={data.period.name} />)}</div>}
      </Stack>
    </section>
  );
}

function SubjectCard({ subject, periodName }: { subject: DiarySubjectMarks; periodName: string }) {
  const { t, i18n } = useTranslation();
  const titleId = `subject-${subject.subject.id}`;
  const suggested = subject.suggestion.value;
  // A forecast, not a verdict: without an expected mark, how many marks there are of the minimum.
  const forecast = suggested ? null : forecastText(subject.suggestion.reason, t);
  return (
    <Card withBorder component="section" aria-labelledby={titleId} padding="sm">
      <Stack gap="xs">
        <Title order={3} size="h4" id={titleId}>{subject.subject.name}</Title>
        <dl className="subject-facts">
          <div>
            <dt>{t('diary.mean')}</dt>
            <dd>{subject.weightedMean === null ? '—' : formatMean(subject.weightedMean, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('diary.suggested')}</dt>
            <dd>{suggested ? markText(suggested, t) : forecast ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('diary.periodMark', { period: periodName })}</dt>
            <dd className={subject.periodMark && markTone(subject.periodMark) === 'low' ? 'mark-low' : undefined}>
              {subject.periodMark ? markText(subject.periodMark, t) : <Text span size="sm" c="dimmed">{t('diary.notSet')}</Text>}
            </dd>
          </div>
        </dl>
        {!forecast && (
          <Text size="sm" className="explanation">{t('diary.explanation', { text: explanationText(subject.suggestion.reason, t, i18n.language) })}</Text>
        )}
        {subject.marks.length === 0 ? <Text size="sm" c="dimmed">{t('diary.noMarksInSubject')}</Text> : (
          <div className="table-box">
            <Table className="marks-table" verticalSpacing={4} horizontalSpacing="xs" fz="sm">
              <VisuallyHidden component="caption">{t('diary.marksCaption', { subject: subject.subject.name, period: periodName })}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('diary.date')}</Table.Th>
                  <Table.Th scope="col">{t('diary.mark')}</Table.Th>
                  <Table.Th scope="col">{t('diary.work')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {subject.marks.map((mark) => (
                  <Table.Tr key={mark.id}>
                    <Table.Td className="date-cell">{formatCompact(mark.date, i18n.language)}</Table.Td>
                    <Table.Td className={`mark-cell${markTone(mark.value, mark.scale) === 'low' ? ' mark-low' : ''}`}>{markText(mark.value, t)}</Table.Td>
                    <Table.Td>
                      {mark.workType.name} · {t('diary.weight', { weight: mark.weight.toLocaleString(i18n.language) })}
                      {mark.comment && <Text size="sm" c="dimmed" className="mark-comment">{t('diary.comment', { comment: mark.comment })}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function FinalMarks({ data, yearName }: { data: DiaryFinalMarks; yearName: string }) {
  const { t } = useTranslation();
  // Seed 002, 4.3.11: the exam and final columns only where the grade or programme has them.
  const exams = data.subjects.some((s) => s.examMark !== null || s.finalMark !== null);
  return (
    <section aria-labelledby="final-marks-title">
      <Title order={2} size="h3" id="final-marks-title" mb="xs">{t('diary.finalMarks', { year: yearName })}</Title>
      {data.subjects.length === 0 ? <Text size="sm" c="dimmed">{t('diary.noFinalMarks')}</Text> : (
        <Card withBorder padding={0}>
          <div className="table-box">
            <Table className="final-table" striped withColumnBorders horizontalSpacing="xs" fz="sm">
              <VisuallyHidden component="caption">{t('diary.finalMarks', { year: yearName })}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('diary.subject')}</Table.Th>
                  {data.periods.map((p) => <Table.Th scope="col" key={p.id}>{p.name}</Table.Th>)}
                  <Table.Th scope="col">{t('diary.yearMark')}</Table.Th>
                  {exams && <Table.Th scope="col">{t('diary.examMark')}</Table.Th>}
                  {exams && <Table.Th scope="col">{t('diary.finalMark')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.subjects.map((s) => (
                  <Table.Tr key={s.subject.id}>
                    <Table.Th scope="row" fw={400}>{s.subject.name}</Table.Th>
                    {data.periods.map((p) => {
                      const value = s.periodMarks.find((m) => m.periodId === p.id)?.value;
                      return <Table.Td key={p.id} className={value && markTone(value) === 'low' ? 'mark-low' : undefined}>{value ? markText(value, t) : '—'}</Table.Td>;
                    })}
                    <Table.Td fw={700}>{s.yearMark ? markText(s.yearMark, t) : '—'}</Table.Td>
                    {exams && <Table.Td>{s.examMark ? markText(s.examMark, t) : '—'}</Table.Td>}
                    {exams && <Table.Td fw={700}>{s.finalMark ? markText(s.finalMark, t) : '—'}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Card>
      )}
    </section>
  );
}
