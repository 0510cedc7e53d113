import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LessonContext } from '../../../shared/contract/timetable.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { formatDay } from '../diary/dates.ts';
import { useLessonContext, useSaveLesson, useWorkTypes } from './api.ts';
import { HomeworkSection } from './HomeworkSection.tsx';
import { formFieldErrors, lessonFormOf, lessonPatch, plannedTopicFor } from './lessonForm.ts';
import './teacher.css';

/** `/school/:schoolId/lessons/:lessonId`: the lesson's topic, notes, work types and homework. */
export function LessonPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '', lessonId = '' } = useParams();
  const context = useLessonContext(schoolId, lessonId);
  if (context.isPending) return <FullPageLoader />;
  if (context.isError) return <ErrorAlert error={context.error} />;
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
      <LessonForm key={l.id} schoolId={schoolId} context={c} writable={writable} />
      <HomeworkSection schoolId={schoolId} context={c} writable={writable} />
    </Stack>
  );
}

function LessonForm({ schoolId, context, writable }: { schoolId: string; context: LessonContext; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const lesson = context.lesson;
  const [base, setBase] = useState(lesson);
  const [form, setForm] = useState(() => lessonFormOf(lesson));
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSaveLesson(schoolId, lesson.id);
  const workTypes = useWorkTypes(schoolId);
  const offered = plannedTopicFor(context.plannedTopics, base);
  const stale = save.error instanceof ApiError && save.error.code === 'lesson.stale';
  const errors = formFieldErrors(fieldErrors(save.error, i18n.language));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const patch = lessonPatch(base, form);
    if (!patch) {
      setNotice(t('teacher.lesson.nothingChanged'));
      return;
    }
    save.mutate(patch, {
      onSuccess: (saved) => {
        setBase(saved);
        setForm(lessonFormOf(saved));
        setNotice(t('teacher.lesson.saved'));
      },
    });
  };
  const reload = () => {
    setBase(lesson);
    setForm(lessonFormOf(lesson));
    save.reset();
  };
  const chooseTopic = (id: string) => {
    const topic = context.plannedTopics.find((p) => p.id === id);
    setForm({ ...form, plannedTopicId: topic?.id ?? null, topic: topic ? topic.title : form.topic });
  };

  return (
    <Card withBorder component="section" aria-labelledby="lesson-form-title">
      <Title order={2} size="h4" id="lesson-form-title" mb="sm">{t('teacher.lesson.lessonSection')}</Title>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!writable} className="plain-fieldset">
          <Stack gap="sm">
            {context.plannedTopics.length > 0 && (
              <NativeSelect
                label={t('teacher.lesson.plannedTopic')}
                value={form.plannedTopicId ?? ''}
                onChange={(event) => chooseTopic(event.currentTarget.value)}
                error={errors.plannedTopicId}
                data={[{ value: '', label: t('teacher.lesson.noPlannedTopic') },
                  ...context.plannedTopics.map((p) => ({ value: p.id, label: `${p.ordinal}. ${p.title}` }))]}
              />
            )}
            <TextInput
              label={t('teacher.lesson.topic')}
              value={form.topic}
              onChange={(event) => setForm({ ...form, topic: event.currentTarget.value })}
              error={errors.topic}
              maxLength={500}
            />
            {offered && form.plannedTopicId !== offered.id && writable && (
              <div>
                <Button variant="light" size="xs" onClick={() => chooseTopic(offered.id)}>
                  {t('teacher.lesson.offerTopic', { title: `${offered.ordinal}. ${offered.title}` })}
                </Button>
              </div>
            )}
            <Textarea
              label={t('teacher.lesson.notes')}
              value={form.notes}
              onChange={(event) => setForm({ ...form, notes: event.currentTarget.value })}
              error={errors.notes}
              autosize
              minRows={2}
              maxLength={2000}
            />
            {workTypes.data && workTypes.data.length > 0 ? (
              <Checkbox.Group label={t('teacher.lesson.workTypes')} value={form.workTypeIds} onChange={(ids) => setForm({ ...form, workTypeIds: ids })} error={errors.workTypeIds}>
                <Group gap="md" mt={6}>
                  {workTypes.data.filter((w) => !w.archived || form.workTypeIds.includes(w.id)).map((w) => (
                    <Checkbox key={w.id} value={w.id} label={w.name} />
                  ))}
                </Group>
              </Checkbox.Group>
            ) : workTypes.isSuccess && <Text size="sm" c="dimmed">{t('teacher.lesson.noWorkTypes')}</Text>}
            {stale && (
              <Alert color="orange" variant="light" role="alert" title={t('teacher.lesson.staleTitle')}>
                <Text size="sm">{t('teacher.lesson.staleText')}</Text>
                <Text size="sm">{t('teacher.lesson.staleTopic', { topic: lesson.topic })}</Text>
                {lesson.notes && <Text size="sm">{t('teacher.lesson.staleNotes', { notes: lesson.notes })}</Text>}
                <Button mt="xs" size="xs" variant="default" onClick={reload}>{t('teacher.lesson.reload')}</Button>
              </Alert>
            )}
            {save.isError && !stale && <ErrorAlert error={save.error} />}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>{t('teacher.lesson.save')}</Button>
              {notice && <Text size="sm" role="status">{notice}</Text>}
            </Group>
          </Stack>
        </fieldset>
      </form>
    </Card>
  );
}
