import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useDiaryEvents, useDiaryStudents, useDiaryWeek } from '../../api/diary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { weeklySheetsUrl } from '../reports/api.ts';
import { addDays, formatShort, isIsoDate, mondayOf, todayIso } from './dates.ts';
import { DayCard } from './DayCard.tsx';
import { DiaryHeader } from './DiaryHeader.tsx';

/** `/diary/:schoolId/:studentId?date=`: one week of one student, live. */
export function DiaryPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '', studentId: studentParam } = useParams();
  const [search, setSearch] = useSearchParams();
  const students = useDiaryStudents();

  const studentId = studentParam ?? students.data?.find((s) => s.schoolId === schoolId)?.studentId ?? '';
  const classId = students.data?.find((s) => s.schoolId === schoolId && s.studentId === studentId)?.classId ?? null;
  const requested = search.get('date');
  const today = todayIso();
  const date = mondayOf(isIsoDate(requested) ? requested : today);
  const week = useDiaryWeek(schoolId, studentId, date);
  useDiaryEvents(schoolId, studentId, week.isSuccess);

  const thisWeek = mondayOf(today);
  const goToWeek = (monday: string) => setSearch(monday === thisWeek ? {} : { date: monday });
  const notFound = week.error instanceof ApiError && (week.error.status === 404 || week.error.status === 400);
  const weekLabel = t('diary.week', { from: formatShort(date, i18n.language), to: formatShort(addDays(date, 5), i18n.language) });
  const switchTo = (nextSchool: string, nextStudent: string) =>
    `/diary/${nextSchool}/${nextStudent}${date === thisWeek ? '' : `?date=${date}`}`;

  return (
    <Stack gap="md">
      <DiaryHeader students={students.data ?? []} schoolId={schoolId} studentId={studentId} switchTo={switchTo} />

      <nav aria-label={weekLabel} className="diary-week-nav">
        <Button variant="default" onClick={() => goToWeek(addDays(date, -7))} aria-label={t('diary.prevWeek')} leftSection={<span aria-hidden>←</span>}>
          <span className="wide-only">{t('diary.prevWeek')}</span><span className="narrow-only">{t('diary.prevShort')}</span>
        </Button>
        <h2 className="diary-week-title">{weekLabel}</h2>
        <div className="diary-week-next">
          {date !== thisWeek && <Button variant="subtle" onClick={() => goToWeek(thisWeek)}>{t('diary.thisWeek')}</Button>}
          <Button variant="default" onClick={() => goToWeek(addDays(date, 7))} aria-label={t('diary.nextWeek')} rightSection={<span aria-hidden>→</span>}>
            <span className="wide-only">{t('diary.nextWeek')}</span><span className="narrow-only">{t('diary.nextShort')}</span>
          </Button>
        </div>
      </nav>

      {!studentId && students.isSuccess && <Alert color="gray" role="status">{t('diary.noDiaries')}</Alert>}
      {notFound && (
        <Alert color="red" variant="light" title={t('diary.notFoundTitle')} role="alert">{t('diary.notFound')}</Alert>
      )}
      {week.isError && !notFound && <ErrorAlert error={week.error} />}
      {week.isPending && studentId && <FullPageLoader />}
      {week.data && (
        <>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">{t('diary.live')}</Text>
            {/* A phone shows one day under another: today may be four screens down. */}
            {week.data.days.some((day) => day.date === today) && <Anchor href={`#day-${today}`} size="sm">{t('diary.toToday')}</Anchor>}
            {/* Seed 001 §4.3.6: the week on paper, for a family without internet at hand. */}
            {classId && (
              <Anchor href={weeklySheetsUrl(schoolId, classId, date, [studentId])} download size="sm">{t('diary.weeklySheet')}</Anchor>
            )}
          </Group>
          <div className="diary-days">
            {week.data.days.map((day) => <DayCard key={day.date} day={day} weekEnd={week.data.to} isToday={day.date === today} />)}
          </div>
        </>
      )}
    </Stack>
  );
}
