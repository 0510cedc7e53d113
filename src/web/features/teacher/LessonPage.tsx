import { Alert, Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { formatDay } from '../diary/dates.ts';
import { useLessonContext } from './api.ts';
import { LessonEditor } from './LessonEditor.tsx';
import './teacher.css';

/** `/school/:schoolId/lessons/:lessonId`: the lesson's topic, notes, work types and homework. */
export function LessonPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '', lessonId = '' } = useParams();
  const context = useLessonContext(schoolId, lessonId);
  if (context.isPending) return <FullPageLoader />;
  // A failed re-read (the session ended, the network dropped) keeps the page and what is typed in it.
  if (context.isError && !context.data) return <ErrorAlert error={context.error} />;
  const c = context.data;
  const l = c.lesson;
  const writable = c.canWrite && c.locked === null;
  const time = c.startsAt && c.endsAt ? ` · ${c.startsAt}–${c.endsAt}` : '';
  const journalUrl = `/school/${schoolId}/journal/${l.groupId}?${new URLSearchParams({ ...(c.periodId ? { period: c.periodId } : {}), subject: l.subjectId })}`;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/school/${schoolId}/today?date=${l.date}`} size="sm">{t('teacher.lesson.back')}</Anchor>
      <div>
        <Title order={1} size="h2">{t('teacher.lesson.title', { subject: c.subjectName, group: c.groupName })}</Title>
        <Text className="first-letter-upper">{t('teacher.lesson.when', { date: formatDay(l.date, i18n.language), number: l.lessonNumber })}{time}</Text>
        <Group gap="xs" mt={4}>
          <Text size="sm" c="dimmed">{t('teacher.lesson.teacher', { name: c.teacherName })}</Text>
          {c.substituteName && <Badge color="orange" variant="light">{t('teacher.lesson.substitute', { name: c.substituteName })}</Badge>}
        </Group>
        <Group gap="md" mt="xs">
          <Anchor component={Link} to={journalUrl}>{t('teacher.lesson.journal')}</Anchor>
          <Anchor component={Link} to={`/school/${schoolId}/period-marks/${l.groupId}?${new URLSearchParams({ subject: l.subjectId, ...(c.periodId ? { period: c.periodId } : {}) })}`}>
            {t('teacher.lesson.periodMarks')}
          </Anchor>
        </Group>
      </div>
      {c.locked && <Alert color="red" variant="light" role="alert" title={t('teacher.lesson.lockedTitle')}>{c.locked.message}</Alert>}
      {!c.canWrite && <Alert color="gray" role="status">{t('teacher.lesson.readOnly')}</Alert>}
      <LessonEditor key={l.id} schoolId={schoolId} context={c} writable={writable} />
    </Stack>
  );
}

