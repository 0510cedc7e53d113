import { Alert, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import type { Homework } from '../../../shared/contract/homework.ts';
import type { Lesson, LessonContext } from '../../../shared/contract/timetable.ts';
import { ApiError } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { useLessonHomework, useSaveHomework, useSaveLessonPage, useWorkTypes } from './api.ts';
import { HomeworkFields, HomeworkFiles, HomeworkView } from './HomeworkSection.tsx';
import {
  type HomeworkEditing, homeworkFormOf, type HomeworkFormValues, lessonFormOf, lessonSaveOf, plannedTopicFor, saveFieldErrors,
} from './lessonForm.ts';

/** Which homework the form writes: chosen by the page ('auto': a new one while none is saved), a new one, none, or this one. */
type Choice = 'auto' | 'new' | 'none' | Homework;

/**
 * The lesson's topic, notes, work types and the homework with its files: one form, one
 * «Сохранить», one request. Leaving the page with something unsaved asks first.
 */
export function LessonEditor({ schoolId, context, writable }: { schoolId: string; context: LessonContext; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const lesson = context.lesson;
  const defaultDue = context.nextLessons[0]?.id ?? '';
  const [base, setBase] = useState<Lesson>(lesson);
  const [form, setForm] = useState(() => lessonFormOf(lesson));
  const [choice, setChoice] = useState<Choice>('auto');
  const [hwForm, setHwForm] = useState<HomeworkFormValues>(() => homeworkFormOf(null, defaultDue));
  const [files, setFiles] = useState<File[]>([]);
  const [removeIds, setRemoveIds] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const homework = useLessonHomework(schoolId, lesson);
  const workTypes = useWorkTypes(schoolId);
  const save = useSaveLessonPage(schoolId, lesson.id);
  const removeHomework = useSaveHomework(schoolId, lesson.id);
  const items = homework.data ?? [];
  // Loaded once is enough: a failed re-read (an ended session) keeps the list and the open form.
  const loaded = homework.data !== undefined;

  const editing: HomeworkEditing = !writable ? null
    : choice === 'new' || (choice === 'auto' && loaded && items.length === 0) ? { kind: 'new', defaultDueLessonId: defaultDue }
      : typeof choice === 'object' ? { kind: 'edit', homework: choice } : null;
  const editedId = editing?.kind === 'edit' ? editing.homework.id : null;
  const body = writable ? lessonSaveOf(base, form, { editing, form: hwForm, files, removeIds }) : null;
  const dirty = body !== null;
  const homeworkDirty = writable && lessonSaveOf(base, lessonFormOf(base), { editing, form: hwForm, files, removeIds }) !== null;

  // Leaving with something unsaved: the router asks in the page, the browser on reload and tab close.
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const error = save.error instanceof ApiError ? save.error : null;
  const lessonStale = error?.code === 'lesson.stale' ? (error.current as Lesson | undefined) ?? null : null;
  const homeworkStale = error?.code === 'homework.stale' ? (error.current as Homework | undefined) ?? null : null;
  // A sign-in is asked for in place (the dialog); the form stays as typed and is saved again after it.
  const signedOut = error?.code === 'auth.required';
  const errors = saveFieldErrors(fieldErrors(save.error, i18n.language));
  const offered = plannedTopicFor(context.plannedTopics, base);

  const openHomework = (next: Choice) => {
    setChoice(next);
    setHwForm(homeworkFormOf(typeof next === 'object' ? next : null, defaultDue));
    setFiles([]);
    setRemoveIds([]);
    save.reset();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (!body) {
      setNotice(t('teacher.lesson.nothingChanged'));
      return;
    }
    save.mutate({ body, files }, {
      onSuccess: (saved) => {
        setBase(saved.lesson);
        setForm(lessonFormOf(saved.lesson));
        openHomework('auto');
        setNotice(t('teacher.lesson.saved'));
      },
    });
  };
  const chooseTopic = (id: string) => {
    const topic = context.plannedTopics.find((p) => p.id === id);
    setForm({ ...form, plannedTopicId: topic?.id ?? null, topic: topic ? topic.title : form.topic });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder component="section" aria-labelledby="lesson-form-title">
          <Title order={2} size="h4" id="lesson-form-title" mb="sm">{t('teacher.lesson.lessonSection')}</Title>
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
              <TextInput label={t('teacher.lesson.topic')} value={form.topic} onChange={(event) => setForm({ ...form, topic: event.currentTarget.value })}
                error={errors.topic} maxLength={500} />
              {offered && form.plannedTopicId !== offered.id && writable && (
                <div>
                  <Button variant="light" size="xs" onClick={() => chooseTopic(offered.id)}>
                    {t('teacher.lesson.offerTopic', { title: `${offered.ordinal}. ${offered.title}` })}
                  </Button>
                </div>
              )}
              <Textarea label={t('teacher.lesson.notes')} value={form.notes} onChange={(event) => setForm({ ...form, notes: event.currentTarget.value })}
                error={errors.notes} autosize minRows={2} maxLength={2000} />
              {workTypes.data && workTypes.data.length > 0 ? (
                <Checkbox.Group label={t('teacher.lesson.workTypes')} value={form.workTypeIds} onChange={(ids) => setForm({ ...form, workTypeIds: ids })} error={errors.workTypeIds}>
                  <Group gap="md" mt={6}>
                    {workTypes.data.filter((w) => !w.archived || form.workTypeIds.includes(w.id)).map((w) => (
                      <Checkbox key={w.id} value={w.id} label={w.name} />
                    ))}
                  </Group>
                </Checkbox.Group>
              ) : workTypes.isSuccess && <Text size="sm" c="dimmed">{t('teacher.lesson.noWorkTypes')}</Text>}
              {lessonStale && (
                <Alert color="orange" variant="light" role="alert" title={t('teacher.lesson.staleTitle')}>
                  <Text size="sm">{t('teacher.lesson.staleText')}</Text>
                  <Text size="sm">{t('teacher.lesson.staleTopic', { topic: lessonStale.topic })}</Text>
                  {lessonStale.notes && <Text size="sm">{t('teacher.lesson.staleNotes', { notes: lessonStale.notes })}</Text>}
                  <Button mt="xs" size="xs" variant="default" onClick={() => { setBase(lessonStale); setForm(lessonFormOf(lessonStale)); save.reset(); }}>
                    {t('teacher.lesson.reload')}
                  </Button>
                </Alert>
              )}
            </Stack>
          </fieldset>
        </Card>

        <Card withBorder component="section" aria-labelledby="homework-title">
          <Title order={2} size="h4" id="homework-title" mb="sm">{t('teacher.lesson.homeworkSection')}</Title>
          {homework.isError && !homework.data && <ErrorAlert error={homework.error} />}
          {loaded && items.length === 0 && !editing && <Text size="sm" c="dimmed">{t('teacher.lesson.noHomework')}</Text>}
          <Stack gap="md">
            {items.filter((h) => h.id !== editedId).map((h) => (
              <HomeworkView key={h.id} schoolId={schoolId} context={context} homework={h} actions={writable && !homeworkDirty && (
                <>
                  <Button size="xs" variant="default" onClick={() => openHomework(h)}>{t('teacher.lesson.edit')}</Button>
                  <Button size="xs" variant="subtle" color="red" loading={removeHomework.isPending && removeHomework.variables?.kind === 'delete' && removeHomework.variables.id === h.id}
                    onClick={() => removeHomework.mutate({ kind: 'delete', id: h.id, version: h.version })}>
                    {t('teacher.lesson.deleteHomework')}
                  </Button>
                </>
              )} />
            ))}
            {removeHomework.isError && <ErrorAlert error={removeHomework.error} />}
            {editing && (
              <>
                <HomeworkFields context={context} homework={editing.kind === 'edit' ? editing.homework : null} form={hwForm}
                  onChange={(patch) => setHwForm({ ...hwForm, ...patch })} errors={errors} />
                <HomeworkFiles schoolId={schoolId} files={files} onFiles={setFiles} removeIds={removeIds} onRemoveSaved={setRemoveIds} error={errors.file}
                  saved={editing.kind === 'edit' ? (items.find((h) => h.id === editing.homework.id) ?? editing.homework).attachments : []} />
                {homeworkStale && (
                  <Alert color="orange" variant="light" role="alert" title={t('teacher.lesson.homeworkStaleTitle')}>
                    <Text size="sm">{error?.message}</Text>
                    <Text size="sm">{t('teacher.lesson.homeworkStaleText', { text: homeworkStale.text })}</Text>
                    <Button mt="xs" size="xs" variant="default" onClick={() => { setChoice(homeworkStale); setHwForm(homeworkFormOf(homeworkStale)); save.reset(); }}>
                      {t('teacher.lesson.reload')}
                    </Button>
                  </Alert>
                )}
                {items.length > 0 && (
                  <div><Button variant="default" size="xs" onClick={() => openHomework('none')}>{t('teacher.lesson.cancelHomework')}</Button></div>
                )}
              </>
            )}
            {writable && !editing && (
              <div><Button variant="light" onClick={() => openHomework('new')}>{t('teacher.lesson.newHomework')}</Button></div>
            )}
          </Stack>
        </Card>

        {writable && (
          <Stack gap="xs">
            {save.isError && !lessonStale && !homeworkStale && !signedOut && (
              <ErrorAlert error={save.error} title={Object.keys(errors).length > 0 ? t('teacher.lesson.fieldsTitle') : undefined} />
            )}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>{t('teacher.lesson.save')}</Button>
              {notice && !dirty && <Text size="sm" role="status">{notice}</Text>}
              {dirty && !save.isPending && <Text size="sm" c="dimmed" role="status">{t('teacher.lesson.unsaved')}</Text>}
            </Group>
          </Stack>
        )}
      </Stack>

      {blocker.state === 'blocked' && (
        <Dialog title={t('teacher.lesson.leaveTitle')} onCancel={() => blocker.reset()}>
          <Text size="sm">{t('teacher.lesson.leaveText')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset()}>{t('teacher.lesson.stay')}</Button>
            <Button color="red" onClick={() => blocker.proceed()}>{t('teacher.lesson.leave')}</Button>
          </Group>
        </Dialog>
      )}
    </form>
  );
}
