import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassRoster } from '../../../shared/contract/classroom.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useRoster, useUpdateStudent } from './api.ts';
import { changedFields, PERSONAL_FIELDS, type PersonalField } from './model.ts';

type Student = ClassRoster['items'][number]['student'];
type Props = { schoolId: string; classId: string; canEdit: boolean };

const valuesOf = (s: Student): Record<PersonalField, string> =>
  Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, s[f] ?? ''])) as Record<PersonalField, string>;

function EditForm({ student, schoolId, classId, onDone }: { student: Student; schoolId: string; classId: string; onDone: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateStudent(schoolId, classId);
  const [values, setValues] = useState(() => valuesOf(student));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const errors = fieldErrors(update.error, i18n.language);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const patch = changedFields(valuesOf(student), values);
    if (Object.keys(patch).length === 0) return onDone(false);
    update.mutate({ id: student.id, patch }, { onSuccess: () => onDone(true) });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4" ref={heading} tabIndex={-1}>{t('classroom.personal.editTitle', { name: student.fullName })}</Title>
        {update.isError && <ErrorAlert error={update.error} />}
        <div className="classroom-form-grid">
          {PERSONAL_FIELDS.map((field) => (
            <TextInput
              key={field}
              label={t(`classroom.fields.${field}`)}
              description={field === 'snils' ? t('classroom.personal.snilsHint') : undefined}
              type={field === 'birthDate' ? 'date' : field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
              value={values[field]}
              error={errors[field]}
              onChange={(event) => { const value = event.currentTarget.value; setValues((prev) => ({ ...prev, [field]: value })); }}
            />
          ))}
        </div>
        <Group>
          <Button type="submit" loading={update.isPending}>{t('classroom.personal.save')}</Button>
          <Button variant="default" onClick={() => onDone(false)}>{t('classroom.personal.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** «Личные данные»: the class teacher checks and corrects the students' personal data (seed 004, 5.3; 002, 3.3). */
export function PersonalTab({ schoolId, classId, canEdit }: Props) {
  const { t } = useTranslation();
  const roster = useRoster(schoolId, classId);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (roster.isError) return <ErrorAlert error={roster.error} />;
  if (!roster.data) return <FullPageLoader />;
  const students = roster.data.items.map((i) => i.student);
  const current = students.find((s) => s.id === editing);
  const shown: PersonalField[] = ['birthDate', 'snils', 'address', 'phone', 'email'];

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{t('classroom.personal.hint')}</Text>
      {saved && <Text role="status" c="green.9">{t('classroom.personal.saved', { name: saved })}</Text>}
      {current && (
        <EditForm
          key={current.id}
          student={current}
          schoolId={schoolId}
          classId={classId}
          onDone={(ok) => { setEditing(null); setSaved(ok ? current.fullName : null); }}
        />
      )}
      {students.length === 0 ? <Text role="status">{t('classroom.noStudents')}</Text> : (
        <div className="classroom-scroll" tabIndex={0} role="region" aria-label={t('classroom.personal.caption')}>
          <Table className="classroom-table">
            <caption>{t('classroom.personal.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('classroom.student')}</Table.Th>
                {shown.map((f) => <Table.Th key={f} scope="col">{t(`classroom.fields.${f}`)}</Table.Th>)}
                {canEdit && <Table.Th scope="col"><span className="classroom-visually-hidden">{t('classroom.personal.actions')}</span></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {students.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row">{s.fullName}</Table.Th>
                  {shown.map((f) => (
                    <Table.Td key={f} className={f === 'address' ? undefined : 'classroom-nowrap'}>
                      {f === 'birthDate' ? s.birthDate.split('-').reverse().join('.') : s[f] ?? <span className="classroom-missing">{t('classroom.personal.missing')}</span>}
                    </Table.Td>
                  ))}
                  {canEdit && (
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => { setSaved(null); setEditing(s.id); }} aria-label={t('classroom.personal.editOf', { name: s.fullName })}>
                        {t('classroom.personal.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
