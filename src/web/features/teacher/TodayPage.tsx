import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MyLesson } from '../../../shared/contract/timetable.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { addDays, formatDay, isIsoDate, todayIso } from '../diary/dates.ts';
import { useAllPresent, useMyLessons } from './api.ts';
import './teacher.css';

/** `/school/:schoolId/today?date=`: the teacher's lessons of a day, substitutions among them. */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('date');
  const date = isIsoDate(requested) ? requested : todayIso();
  const lessons = useMyLessons(schoolId, date);
  const goTo = (day: string) => setSearch(day === todayIso() ? {} : { date: day }, { replace: true });
  const dayTitle = formatDay(date, i18n.language);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('teacher.today.title')}</Title>
      <nav aria-label={t('teacher.today.day', { date: dayTitle })}>
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Button variant="default" size="sm" aria-label={t('teacher.today.prevDay')} onClick={() => goTo(addDays(date, -1))}>← {t('teacher.today.prev')}</Button>
            <Button variant="default" size="sm" aria-label={t('teacher.today.nextDay')} onClick={() => goTo(addDays(date, 1))}>{t('teacher.today.next')} →</Button>
          </Group>
          <Group gap="xs" align="end" wrap="wrap">
            <TextInput
              type="date"
              label={t('teacher.today.date')}
              value={date}
              onChange={(event) => { if (isIsoDate(event.currentTarget.value)) goTo(event.currentTarget.value); }}
            />
            {date !== todayIso() && <Button variant="subtle" onClick={() => goTo(todayIso())}>{t('teacher.today.toToday')}</Button>}
          </Group>
        </Stack>
      </nav>
      <Title order={2} size="h3" className="first-letter-upper">{dayTitle}</Title>
      {lessons.isPending && <FullPageLoader />}
      {lessons.isError && <ErrorAlert error={lessons.error} />}
      {lessons.data && lessons.data.items.length === 0 && <Alert color="gray" role="status">{t('teacher.today.none')}</Alert>}
      {lessons.data && lessons.data.items.length > 0 && (
        <Stack component="ul" className="teacher-list" gap="sm" aria-label={t('teacher.today.lessons')}>
          {lessons.data.items.map((lesson) => <LessonCard key={lesson.id} schoolId={schoolId} lesson={lesson} />)}
        </Stack>
      )}
    </Stack>
  );
}

/** Whether the lesson has begun by the browser's clock (the server decides; this only hides the button before). */
function begun(lesson: MyLesson) {
  const today = todayIso();
  if (lesson.date !== today) return lesson.date < today;
  if (!lesson.startsAt) return true;
  const now = new Date();
  const hhmm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return lesson.startsAt <= hhmm;
}

/** «Все присутствуют» (seed 003, 2.5): records that attendance was taken with nobody absent. */
function AllPresent({ schoolId, lesson, names }: { schoolId: string; lesson: MyLesson; names: Record<string, string | number> }) {
  const { t } = useTranslation();
  const allPresent = useAllPresent(schoolId);
  return (
    <Stack gap={4} mt={6}>
      <Group gap="xs">
        <Button size="xs" variant="light" loading={allPresent.isPending} onClick={() => allPresent.mutate(lesson.id)}
          aria-label={t('teacher.today.allPresentOf', names)}>
          {t('teacher.today.allPresent')}
        </Button>
      </Group>
      {allPresent.isError && <ErrorAlert error={allPresent.error} />}
    </Stack>
  );
}

function LessonCard({ schoolId, lesson }: { schoolId: string; lesson: MyLesson }) {
  const { t } = useTranslation();
  const time = lesson.startsAt && lesson.endsAt ? `${lesson.startsAt}–${lesson.endsAt}` : null;
  const takenByOther = !lesson.substitution && lesson.substituteName !== null;
  const names = { group: lesson.groupName, subject: lesson.subjectName, number: lesson.lessonNumber };
  const titleId = `lesson-${lesson.id}`;
  return (
    <li>
      <Card withBorder padding="sm" component="article" aria-labelledby={titleId} className={takenByOther || lesson.status === 'cancelled' ? 'lesson-card lesson-card-muted' : 'lesson-card'}>
        <Group justify="space-between" align="start" wrap="nowrap" gap="xs">
          <div>
            <Title order={3} size="h5" id={titleId}>
              {t('teacher.today.lessonNumber', { number: lesson.lessonNumber })}{time ? ` · ${time}` : ''} · {lesson.groupName} · {lesson.subjectName}
            </Title>
            <Text size="sm" c="dimmed">
              {[lesson.roomName ? t('teacher.today.room', { room: lesson.roomName }) : null,
                lesson.substitution ? t('teacher.today.substitutes', { name: lesson.teacherName }) : null,
                takenByOther ? t('teacher.today.takenBy', { name: lesson.substituteName }) : null].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Group gap={4} justify="end" className="lesson-badges">
            {lesson.substitution && <Badge color="orange" variant="light">{t('teacher.today.substitution')}</Badge>}
            {takenByOther && <Badge color="gray" variant="light">{t('teacher.today.takenBadge')}</Badge>}
            {lesson.status === 'cancelled' && <Badge color="red" variant="light">{t('teacher.today.cancelled')}</Badge>}
            {lesson.status === 'moved' && <Badge color="gray" variant="light">{t('teacher.today.moved')}</Badge>}
          </Group>
        </Group>
        <Text size="sm" mt={6} c={lesson.topicFilled ? undefined : 'red.9'}>
          {lesson.topicFilled ? t('teacher.today.topic', { topic: lesson.topic }) : t('teacher.today.noTopic')}
        </Text>
        <Group gap="xs" mt={6}>
          <Badge color={lesson.homeworkSet ? 'green' : 'gray'} variant="light">
            {lesson.homeworkSet ? t('teacher.today.homeworkSet') : t('teacher.today.homeworkMissing')}
          </Badge>
          {lesson.attendanceFilled && <Badge color="blue" variant="light">{t('teacher.today.attendanceFilled')}</Badge>}
          {!lesson.attendanceFilled && lesson.status !== 'cancelled' && <Badge color="gray" variant="light">{t('teacher.today.attendanceMissing')}</Badge>}
        </Group>
        {!lesson.attendanceFilled && lesson.status !== 'cancelled' && !takenByOther && begun(lesson) && (
          <AllPresent schoolId={schoolId} lesson={lesson} names={names} />
        )}
        <Group gap="md" mt="xs">
          <Anchor component={Link} to={`/school/${schoolId}/lessons/${lesson.id}`} aria-label={t('teacher.today.lessonOf', names)}>
            {t('teacher.today.lesson')}
          </Anchor>
          <Anchor component={Link} to={`/school/${schoolId}/journal/${lesson.groupId}?subject=${lesson.subjectId}`} aria-label={t('teacher.today.journalOf', names)}>
            {t('teacher.today.journal')}
          </Anchor>
          {!lesson.substitution && (
            <Anchor component={Link} to={`/school/${schoolId}/period-marks/${lesson.groupId}?subject=${lesson.subjectId}`} aria-label={t('teacher.today.periodMarksOf', names)}>
              {t('teacher.today.periodMarks')}
            </Anchor>
          )}
        </Group>
      </Card>
    </li>
  );
}
