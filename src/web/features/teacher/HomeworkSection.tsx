import { Alert, Anchor, Button, Card, Checkbox, Group, Input, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Homework } from '../../../shared/contract/homework.ts';
import type { LessonContext } from '../../../shared/contract/timetable.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { formatShort } from '../diary/dates.ts';
import { attachmentUrl, useAttachments, useLessonHomework, useSaveHomework } from './api.ts';
import { formFieldErrors, homeworkBody, homeworkFormOf, homeworkPatch, type HomeworkFormValues } from './lessonForm.ts';

function fileSize(bytes: number, t: TFunction, language: string) {
  const format = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 1 });
  if (bytes < 1024) return t('units.bytes', { value: bytes });
  if (bytes < 1024 * 1024) return t('units.kb', { value: format(bytes / 1024) });
  return t('units.mb', { value: format(bytes / 1024 / 1024) });
}

/** The homework set at the lesson: the list, the form for a new one or the one being edited, and its files. */
export function HomeworkSection({ schoolId, context, writable }: { schoolId: string; context: LessonContext; writable: boolean }) {
  const { t } = useTranslation();
  const homework = useLessonHomework(schoolId, context.lesson);
  // null: no form open; 'new': a new homework; otherwise the id of the one being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const items = homework.data ?? [];
  const edited = items.find((h) => h.id === editing) ?? null;
  const formOpen = writable && (editing === 'new' || edited !== null || (homework.isSuccess && items.length === 0 && editing === null));

  return (
    <Card withBorder component="section" aria-labelledby="homework-title">
      <Title order={2} size="h4" id="homework-title" mb="sm">{t('teacher.lesson.homeworkSection')}</Title>
      {homework.isError && <ErrorAlert error={homework.error} />}
      {homework.isSuccess && items.length === 0 && !formOpen && <Text size="sm" c="dimmed">{t('teacher.lesson.noHomework')}</Text>}
      <Stack gap="md">
        {items.filter((h) => h.id !== edited?.id).map((h) => (
          <HomeworkView key={h.id} schoolId={schoolId} context={context} homework={h} writable={writable} onEdit={() => setEditing(h.id)} />
        ))}
        {formOpen && (
          <HomeworkForm
            key={edited?.id ?? 'new'}
            schoolId={schoolId}
            context={context}
            current={edited}
            onDone={() => setEditing(null)}
            onCancel={items.length > 0 ? () => setEditing(null) : undefined}
          />
        )}
        {writable && !formOpen && (
          <div><Button variant="light" onClick={() => setEditing('new')}>{t('teacher.lesson.newHomework')}</Button></div>
        )}
      </Stack>
    </Card>
  );
}

function HomeworkView({ schoolId, context, homework, writable, onEdit }: {
  schoolId: string; context: LessonContext; homework: Homework; writable: boolean; onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const names = context.students.filter((s) => homework.studentIds.includes(s.id)).map((s) => s.shortName).join(', ');
  return (
    <article className="homework" aria-label={homework.text}>
      {homework.individual && <Text size="sm" fw={600}>{t('teacher.lesson.individualFor', { names })}</Text>}
      <Text size="sm">{homework.text}</Text>
      {homework.pages && <Text size="sm">{t('teacher.lesson.pagesShown', { pages: homework.pages })}</Text>}
      {homework.tasks && <Text size="sm">{t('teacher.lesson.tasksShown', { tasks: homework.tasks })}</Text>}
      <Text size="sm" c="dimmed">
        {t('teacher.lesson.dueOn', { date: formatShort(homework.dueDate, i18n.language) })}
        {homework.expectedMinutes !== null ? ` · ${t('teacher.lesson.minutesShown', { count: homework.expectedMinutes })}` : ''}
      </Text>
      <Attachments schoolId={schoolId} homework={homework} writable={writable} />
      {writable && <Button mt="xs" size="xs" variant="default" onClick={onEdit}>{t('teacher.lesson.edit')}</Button>}
    </article>
  );
}

/**
 * `current` is the homework as the server has it now (re-read after every write); the form keeps
 * the version it was opened on, so a write over someone else's change is refused (409), not lost.
 */
function HomeworkForm({ schoolId, context, current, onDone, onCancel }: {
  schoolId: string; context: LessonContext; current: Homework | null; onDone: () => void; onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lesson = context.lesson;
  const [homework, setBase] = useState(current);
  const [form, setForm] = useState<HomeworkFormValues>(() => homeworkFormOf(current, context.nextLessons[0]?.id ?? ''));
  const save = useSaveHomework(schoolId, lesson.id);
  const errors = formFieldErrors(fieldErrors(save.error, i18n.language));
  const stale = save.error instanceof ApiError && save.error.code === 'homework.stale';
  const set = (patch: Partial<HomeworkFormValues>) => setForm({ ...form, ...patch });
  const idBase = useId();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (homework) {
      const patch = homeworkPatch(homework, form);
      if (!patch) return onDone();
      save.mutate({ kind: 'update', id: homework.id, body: patch }, { onSuccess: onDone });
    } else {
      save.mutate({ kind: 'create', body: homeworkBody(form) }, { onSuccess: onDone });
    }
  };
  const remove = () => {
    if (homework) save.mutate({ kind: 'delete', id: homework.id, version: homework.version }, { onSuccess: onDone });
  };
  const reload = () => {
    setBase(current);
    setForm(homeworkFormOf(current));
    save.reset();
  };
  const dueOptions = context.nextLessons.map((l) => ({ value: l.id, label: t('teacher.lesson.dueOption', { date: formatShort(l.date, i18n.language), number: l.lessonNumber }) }));
  if (form.dueLessonId && !dueOptions.some((o) => o.value === form.dueLessonId)) {
    dueOptions.unshift({ value: form.dueLessonId, label: homework ? formatShort(homework.dueDate, i18n.language) : form.dueLessonId });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${idBase}-title`}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${idBase}-title`}>{homework ? t('teacher.lesson.editHomework') : t('teacher.lesson.newHomework')}</Title>
        <Textarea label={t('teacher.lesson.text')} value={form.text} onChange={(e) => set({ text: e.currentTarget.value })} error={errors.text} autosize minRows={2} required />
        <div className="teacher-form-grid">
          <TextInput label={t('teacher.lesson.pages')} placeholder={t('teacher.lesson.pagesHint')} value={form.pages} onChange={(e) => set({ pages: e.currentTarget.value })} error={errors.pages} />
          <TextInput label={t('teacher.lesson.tasks')} placeholder={t('teacher.lesson.tasksHint')} value={form.tasks} onChange={(e) => set({ tasks: e.currentTarget.value })} error={errors.tasks} />
          <TextInput label={t('teacher.lesson.minutes')} inputMode="numeric" value={form.expectedMinutes} onChange={(e) => set({ expectedMinutes: e.currentTarget.value })} error={errors.expectedMinutes} />
          <NativeSelect
            label={t('teacher.lesson.due')}
            value={form.dueLessonId}
            onChange={(e) => set({ dueLessonId: e.currentTarget.value })}
            error={errors.dueLessonId ?? errors.dueDate}
            data={[...(homework ? [] : [{ value: '', label: t('teacher.lesson.dueDefault') }]), ...dueOptions]}
          />
        </div>
        <Radio.Group label={t('teacher.lesson.forWhom')} value={form.individual ? 'individual' : 'group'} onChange={(v) => set({ individual: v === 'individual' })}>
          <Group gap="md" mt={6}>
            <Radio value="group" label={t('teacher.lesson.wholeGroup')} />
            <Radio value="individual" label={t('teacher.lesson.individual')} />
          </Group>
        </Radio.Group>
        {form.individual && (
          <Checkbox.Group label={t('teacher.lesson.students')} value={form.studentIds} onChange={(ids) => set({ studentIds: ids })} error={errors.studentIds}>
            <div className="teacher-form-grid">
              {context.students.map((s) => <Checkbox key={s.id} value={s.id} label={s.name} />)}
            </div>
          </Checkbox.Group>
        )}
        {stale && (
          <Alert color="orange" variant="light" role="alert" title={t('teacher.lesson.homeworkStaleTitle')}>
            <Text size="sm">{save.error?.message}</Text>
            {current && current.version !== homework?.version && <Text size="sm">{t('teacher.lesson.homeworkStaleText', { text: current.text })}</Text>}
            <Button mt="xs" size="xs" variant="default" onClick={current ? reload : onDone}>{t('teacher.lesson.reload')}</Button>
          </Alert>
        )}
        {save.isError && !stale && <ErrorAlert error={save.error} title={Object.keys(errors).length > 0 ? t('teacher.lesson.fieldsTitle') : undefined} />}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>{homework ? t('teacher.lesson.updateHomework') : t('teacher.lesson.saveHomework')}</Button>
          {onCancel && <Button variant="default" onClick={onCancel}>{t('teacher.lesson.cancel')}</Button>}
          {homework && <Button variant="subtle" color="red" onClick={remove}>{t('teacher.lesson.deleteHomework')}</Button>}
        </Group>
        {current ? <Attachments schoolId={schoolId} homework={current} writable /> : <Text size="sm" c="dimmed">{t('teacher.lesson.attachAfterSave')}</Text>}
      </Stack>
    </form>
  );
}

function Attachments({ schoolId, homework, writable }: { schoolId: string; homework: Homework; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const { upload, remove } = useAttachments(schoolId, homework.lessonId);
  const inputId = useId();
  const [done, setDone] = useState<string | null>(null);
  const errors = formFieldErrors(fieldErrors(upload.error, i18n.language));
  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    const input = event.currentTarget;
    if (!file) return;
    setDone(null);
    upload.mutate({ homeworkId: homework.id, file }, {
      onSuccess: (saved) => setDone(t('teacher.lesson.uploaded', { name: saved.fileName })),
      onSettled: () => { input.value = ''; },
    });
  };
  return (
    <Stack gap={6} mt="xs">
      <Text size="sm" fw={600}>{t('teacher.lesson.attachments')}</Text>
      {homework.attachments.length === 0 ? <Text size="sm" c="dimmed">{t('teacher.lesson.noAttachments')}</Text> : (
        <ul className="plain-list">
          {homework.attachments.map((file) => (
            <li key={file.id} className="attachment-row">
              <Anchor href={attachmentUrl(schoolId, file)} download={file.fileName} size="sm">
                {t('teacher.lesson.download', { name: file.fileName, size: fileSize(file.size, t, i18n.language) })}
              </Anchor>
              {writable && (
                <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables?.id === file.id}
                  onClick={() => remove.mutate({ homeworkId: homework.id, id: file.id })} aria-label={t('teacher.lesson.removeFile', { name: file.fileName })}>
                  {t('teacher.lesson.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <Input.Wrapper id={inputId} label={t('teacher.lesson.attach')} description={t('teacher.lesson.attachHint')} error={errors.file}>
          <input id={inputId} type="file" className="file-input" onChange={onFile} disabled={upload.isPending} />
        </Input.Wrapper>
      )}
      {upload.isPending && <Text size="sm" role="status">{t('teacher.lesson.uploading')}</Text>}
      {done && <Text size="sm" role="status">{done}</Text>}
      {upload.isError && <ErrorAlert error={upload.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </Stack>
  );
}
