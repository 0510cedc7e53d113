import { Anchor, Button, Checkbox, Group, Input, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, Homework } from '../../../shared/contract/homework.ts';
import type { LessonContext } from '../../../shared/contract/timetable.ts';
import { formatShort } from '../diary/dates.ts';
import { attachmentUrl } from './api.ts';
import type { HomeworkFormValues } from './lessonForm.ts';

export function fileSize(bytes: number, t: TFunction, language: string) {
  const format = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 1 });
  if (bytes < 1024) return t('units.bytes', { value: bytes });
  if (bytes < 1024 * 1024) return t('units.kb', { value: format(bytes / 1024) });
  return t('units.mb', { value: format(bytes / 1024 / 1024) });
}

/** A homework as it is saved: text, pages, tasks, due date, who gets it, its files. */
export function HomeworkView({ schoolId, context, homework, actions }: {
  schoolId: string; context: LessonContext; homework: Homework; actions?: React.ReactNode;
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
      {homework.attachments.length > 0 && (
        <ul className="plain-list">
          {homework.attachments.map((file) => <li key={file.id} className="attachment-row"><FileLink schoolId={schoolId} file={file} /></li>)}
        </ul>
      )}
      {actions && <Group gap="xs" mt="xs">{actions}</Group>}
    </article>
  );
}

function FileLink({ schoolId, file }: { schoolId: string; file: Attachment }) {
  const { t, i18n } = useTranslation();
  return (
    <Anchor href={attachmentUrl(schoolId, file)} download={file.fileName} size="sm">
      {t('teacher.lesson.download', { name: file.fileName, size: fileSize(file.size, t, i18n.language) })}
    </Anchor>
  );
}

/**
 * The fields of the homework being written (new, or `homework` being changed), part of the lesson
 * page's one form: nothing here is sent before «Сохранить».
 */
export function HomeworkFields({ context, homework, form, onChange, errors }: {
  context: LessonContext; homework: Homework | null; form: HomeworkFormValues;
  onChange: (patch: Partial<HomeworkFormValues>) => void; errors: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const idBase = useId();
  const dueOptions = context.nextLessons.map((l) => ({ value: l.id, label: t('teacher.lesson.dueOption', { date: formatShort(l.date, i18n.language), number: l.lessonNumber }) }));
  if (form.dueLessonId && !dueOptions.some((o) => o.value === form.dueLessonId)) {
    dueOptions.unshift({ value: form.dueLessonId, label: homework ? formatShort(homework.dueDate, i18n.language) : form.dueLessonId });
  }
  return (
    <Stack gap="sm" role="group" aria-labelledby={`${idBase}-title`}>
      <Title order={3} size="h5" id={`${idBase}-title`}>{homework ? t('teacher.lesson.editHomework') : t('teacher.lesson.newHomework')}</Title>
      <Textarea label={t('teacher.lesson.text')} value={form.text} onChange={(e) => onChange({ text: e.currentTarget.value })} error={errors.text} autosize minRows={2} />
      <div className="teacher-form-grid">
        <TextInput label={t('teacher.lesson.pages')} placeholder={t('teacher.lesson.pagesHint')} value={form.pages} onChange={(e) => onChange({ pages: e.currentTarget.value })} error={errors.pages} />
        <TextInput label={t('teacher.lesson.tasks')} placeholder={t('teacher.lesson.tasksHint')} value={form.tasks} onChange={(e) => onChange({ tasks: e.currentTarget.value })} error={errors.tasks} />
        <TextInput label={t('teacher.lesson.minutes')} inputMode="numeric" value={form.expectedMinutes} onChange={(e) => onChange({ expectedMinutes: e.currentTarget.value })} error={errors.expectedMinutes} />
        <NativeSelect
          label={t('teacher.lesson.due')}
          value={form.dueLessonId}
          onChange={(e) => onChange({ dueLessonId: e.currentTarget.value })}
          error={errors.dueLessonId ?? errors.dueDate}
          data={[...(homework ? [] : [{ value: '', label: t('teacher.lesson.dueDefault') }]), ...dueOptions]}
        />
      </div>
      <Radio.Group label={t('teacher.lesson.forWhom')} value={form.individual ? 'individual' : 'group'} onChange={(v) => onChange({ individual: v === 'individual' })}>
        <Group gap="md" mt={6}>
          <Radio value="group" label={t('teacher.lesson.wholeGroup')} />
          <Radio value="individual" label={t('teacher.lesson.individual')} />
        </Group>
      </Radio.Group>
      {form.individual && (
        <Checkbox.Group label={t('teacher.lesson.students')} value={form.studentIds} onChange={(ids) => onChange({ studentIds: ids })} error={errors.studentIds}>
          <div className="teacher-form-grid">
            {context.students.map((s) => <Checkbox key={s.id} value={s.id} label={s.name} />)}
          </div>
        </Checkbox.Group>
      )}
    </Stack>
  );
}

/**
 * The files of the homework being written: those saved (each can be marked for removal), and those
 * chosen now, held in the page until «Сохранить» sends them with the homework.
 */
export function HomeworkFiles({ schoolId, saved, removeIds, files, onFiles, onRemoveSaved, error }: {
  schoolId: string; saved: Attachment[]; removeIds: readonly string[]; files: readonly File[];
  onFiles: (files: File[]) => void; onRemoveSaved: (ids: string[]) => void; error?: string;
}) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const onPick = (event: React.ChangeEvent<HTMLInputElement>) => {
    const picked = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = '';
    if (picked.length > 0) onFiles([...files, ...picked]);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>{t('teacher.lesson.attachments')}</Text>
      {saved.length === 0 && files.length === 0 && <Text size="sm" c="dimmed">{t('teacher.lesson.noAttachments')}</Text>}
      {(saved.length > 0 || files.length > 0) && (
        <ul className="plain-list" aria-label={t('teacher.lesson.attachments')}>
          {saved.map((file) => {
            const removed = removeIds.includes(file.id);
            return (
              <li key={file.id} className="attachment-row">
                {removed
                  ? <Text size="sm" td="line-through">{t('teacher.lesson.fileToRemove', { name: file.fileName })}</Text>
                  : <FileLink schoolId={schoolId} file={file} />}
                <Button size="compact-xs" variant="subtle" color={removed ? 'gray' : 'red'}
                  onClick={() => onRemoveSaved(removed ? removeIds.filter((id) => id !== file.id) : [...removeIds, file.id])}
                  aria-label={removed ? t('teacher.lesson.keepFile', { name: file.fileName }) : t('teacher.lesson.removeFile', { name: file.fileName })}>
                  {removed ? t('teacher.lesson.keep') : t('teacher.lesson.remove')}
                </Button>
              </li>
            );
          })}
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`} className="attachment-row">
              <Text size="sm">{t('teacher.lesson.fileToAdd', { name: file.name, size: fileSize(file.size, t, i18n.language) })}</Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => onFiles(files.filter((_, j) => j !== i))}
                aria-label={t('teacher.lesson.removeFile', { name: file.name })}>
                {t('teacher.lesson.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Input.Wrapper id={inputId} label={t('teacher.lesson.attach')} description={t('teacher.lesson.attachHint')} error={error}>
        <input id={inputId} type="file" multiple className="file-input" onChange={onPick} />
      </Input.Wrapper>
    </Stack>
  );
}
