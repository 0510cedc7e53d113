import { Alert, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useDiaryEvents, useDiaryStudents, useDiaryWeek } from '../../api/diary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { addDays, formatShort, isIsoDate, mondayOf, todayIso } from './dates.ts';
import { DayCard } from './DayCard.tsx';

/** `/diary/:schoolId/:studentId?date=`: one week of one student, live. */
export function DiaryPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '', studentId: studentParam } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const students = useDiaryStudents();

  const studentId = studentParam ?? students.data?.find((s) => s.schoolId === schoolId)?.studentId ?? '';
  const requested = search.get('date');
  const date = mondayOf(isIsoDate(requested) ? requested : todayIso());
  const week = useDiaryWeek(schoolId, studentId, date);
  useDiaryEvents(schoolId, studentId, week.isSuccess);

  const goToWeek = (monday: string) => setSearch(monday === mondayOf(todayIso()) ? {} : { date: monday });
  const notFound = week.error instanceof ApiError && (week.error.status === 404 || week.error.status === 400);
  const options = students.data ?? [];
  const current = options.find((s) => s.schoolId === schoolId && s.studentId === studentId);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {t('diary.title')}{current ? `: ${current.shortName}` : ''}
        </Title>
        {options.length > 1 && (
          <NativeSelect
            label={t('diary.student')}
            value={current ? `${current.schoolId}/${current.studentId}` : ''}
            onChange={(event) => void navigate(`/diary/${event.currentTarget.value}${date === mondayOf(todayIso()) ? '' : `?date=${date}`}`)}
            data={[
              ...(current ? [] : [{ value: '', label: '—', disabled: true }]),
              ...options.map((s) => ({ value: `${s.schoolId}/${s.studentId}`, label: s.className ? `${s.shortName}, ${s.className}` : s.shortName })),
            ]}
          />
        )}
      </Group>

      <nav aria-label={t('diary.week', { from: formatShort(date, i18n.language), to: formatShort(addDays(date, 5), i18n.language) })}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Button variant="default" onClick={() => goToWeek(addDays(date, -7))}>← {t('diary.prevWeek')}</Button>
          <Text fw={600} component="h2" size="md">
            {t('diary.week', { from: formatShort(date, i18n.language), to: formatShort(addDays(date, 5), i18n.language) })}
          </Text>
          <Group gap="xs">
            {date !== mondayOf(todayIso()) && <Button variant="subtle" onClick={() => goToWeek(mondayOf(todayIso()))}>{t('diary.thisWeek')}</Button>}
            <Button variant="default" onClick={() => goToWeek(addDays(date, 7))}>{t('diary.nextWeek')} →</Button>
          </Group>
        </Group>
      </nav>

      {!studentId && students.isSuccess && <Alert color="gray" role="status">{t('diary.noDiaries')}</Alert>}
      {notFound && (
        <Alert color="red" variant="light" title={t('diary.notFoundTitle')} role="alert">{t('diary.notFound')}</Alert>
      )}
      {week.isError && !notFound && <ErrorAlert error={week.error} />}
      {week.isPending && studentId && <FullPageLoader />}
      {week.data && (
        <>
          <Text size="sm" c="dimmed">{t('diary.live')}</Text>
          <div className="diary-days">
            {week.data.days.map((day) => <DayCard key={day.date} day={day} weekEnd={week.data.to} />)}
          </div>
        </>
      )}
    </Stack>
  );
}
