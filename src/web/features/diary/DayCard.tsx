import { Anchor, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DiaryDay, DiaryHomework, DiaryLesson } from '../../../shared/contract/diary.ts';
import { formatDay, formatShort } from './dates.ts';
import { markText } from './markText.ts';
import { markTone } from './periods.ts';

const ATTENDANCE_COLOURS = { absent: 'red', ill: 'orange', excused: 'gray', late: 'orange' } as const;

function fileSize(bytes: number, t: TFunction, language: string) {
  const format = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 1 });
  if (bytes < 1024) return t('units.bytes', { value: bytes });
  if (bytes < 1024 * 1024) return t('units.kb', { value: format(bytes / 1024) });
  return t('units.mb', { value: format(bytes / 1024 / 1024) });
}

function Homework({ homework, heading }: { homework: DiaryHomework; heading: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={homework.individual ? 'homework homework-individual' : 'homework'}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {heading}{homework.individual ? <VisuallyHidden> ({t('diary.individual')})</VisuallyHidden> : null}
        </Text>
        {homework.individual && <Badge color="grape" variant="light" size="sm" aria-hidden>{t('diary.individualHomework')}</Badge>}
      </Group>
      {homework.text && <Text size="sm" className="homework-text">{homework.text}</Text>}
      {homework.pages && <Text size="sm">{t('diary.pages', { pages: homework.pages })}</Text>}
      {homework.tasks && <Text size="sm">{t('diary.tasks', { tasks: homework.tasks })}</Text>}
      {homework.expectedMinutes !== null && <Text size="sm" c="dimmed">{t('diary.minutes', { count: homework.expectedMinutes })}</Text>}
      {homework.attachments.length > 0 && (
        <ul className="plain-list attachments" aria-label={t('diary.attachments')}>
          {homework.attachments.map((file) => (
            <li key={file.id}>
              <Anchor href={file.url} download={file.fileName} size="sm" className="attachment-link">
                <span aria-hidden className="attachment-icon">⤓</span>
                {t('diary.attachment', { name: file.fileName, size: fileSize(file.size, t, i18n.language) })}
              </Anchor>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Lesson({ lesson, weekEnd }: { lesson: DiaryLesson; weekEnd: string }) {
  const { t, i18n } = useTranslation();
  const time = lesson.startsAt && lesson.endsAt ? `${lesson.startsAt.slice(0, 5)}–${lesson.endsAt.slice(0, 5)}` : '';
  return (
    <li className={lesson.status === 'cancelled' ? 'lesson lesson-cancelled' : 'lesson'}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="start" gap="xs">
          <div className="lesson-head">
            <Title order={4} size="h5">{lesson.subject.name}</Title>
            <Text size="xs" c="dimmed">
              {[t('diary.lessonNumber', { number: lesson.lessonNumber }), time, lesson.teacher].filter(Boolean).join(' · ')}
              {lesson.substituted ? ` · ${t('diary.substituted')}` : ''}
            </Text>
          </div>
          {lesson.attendance && (
            <Badge color={ATTENDANCE_COLOURS[lesson.attendance.code]} variant="light" className="attendance-badge">
              {t(`diary.attendance.${lesson.attendance.code}`)}
            </Badge>
          )}
        </Group>
        {lesson.status === 'cancelled' && <Text size="sm" c="red.9">{t('diary.cancelled')}</Text>}
        {lesson.underReview && (
          <Group gap="xs" wrap="nowrap" align="start">
            <Badge color="orange" variant="light">{t('diary.underReviewBadge')}</Badge>
            <Text size="sm">{t('diary.underReview')}</Text>
          </Group>
        )}
        {lesson.status === 'moved' && lesson.originalDate && (
          <Text size="sm">{t('diary.moved', { date: formatShort(lesson.originalDate, i18n.language) })}</Text>
        )}
        {/* The diary's first question is «what is due»: homework before marks. */}
        {lesson.homeworkDue.map((h) => <Homework key={h.id} homework={h} heading={t('diary.homework')} />)}
        {lesson.marks.length > 0 && (
          <ul className="plain-list lesson-marks" aria-label={t('diary.marks')}>
            {lesson.marks.map((mark) => (
              <li key={mark.id} className="lesson-mark">
                <Text className={markTone(mark.value, mark.scale) === 'low' ? 'mark-value mark-low' : 'mark-value'}>
                  <VisuallyHidden>{t('diary.mark')} </VisuallyHidden>{markText(mark.value, t)}
                </Text>
                <div>
                  <Text size="sm">{mark.workType.name} · {t('diary.weight', { weight: mark.weight.toLocaleString(i18n.language) })}</Text>
                  {mark.comment && <Text size="sm" c="dimmed">{t('diary.comment', { comment: mark.comment })}</Text>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {lesson.attendance?.reason && <Text size="sm" c="dimmed">{t('diary.reason', { reason: lesson.attendance.reason })}</Text>}
        {lesson.topic && <Text size="sm" c="dimmed">{t('diary.topic', { topic: lesson.topic })}</Text>}
        {/* Set here and due within the week: it already shows at the lesson it is due for. */}
        {lesson.homeworkSet.filter((h) => h.dueDate > weekEnd).map((h) => (
          <Homework key={h.id} homework={h} heading={t('diary.homeworkSet', { date: formatShort(h.dueDate, i18n.language) })} />
        ))}
      </Stack>
    </li>
  );
}

export function DayCard({ day, weekEnd, isToday = false }: { day: DiaryDay; weekEnd: string; isToday?: boolean }) {
  const { t, i18n } = useTranslation();
  const titleId = `day-${day.date}`;
  return (
    <Card withBorder component="section" aria-labelledby={titleId} padding="md" className={isToday ? 'diary-day diary-today' : 'diary-day'}>
      <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap" align="center">
        <Title order={3} size="h4" id={titleId} className="diary-day-title">
          {formatDay(day.date, i18n.language)}
        </Title>
        {isToday && <Badge variant="filled" color="blue" aria-hidden>{t('diary.today')}</Badge>}
      </Group>
      {day.homeworkDue.length > 0 && (
        <Stack gap="xs" mb="sm">
          {day.homeworkDue.map((h) => <Homework key={h.id} homework={h} heading={`${t('diary.homeworkDueDay')}: ${h.subjectName}`} />)}
        </Stack>
      )}
      {day.lessons.length === 0
        ? <Text size="sm" c="dimmed">{t('diary.noLessons')}</Text>
        : <Stack component="ul" className="plain-list" gap="sm">{day.lessons.map((lesson) => <Lesson key={lesson.id} lesson={lesson} weekEnd={weekEnd} />)}</Stack>}
    </Card>
  );
}
