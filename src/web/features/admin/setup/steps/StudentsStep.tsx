import { NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GUARDIAN_RELATIONS } from '../../../../../shared/contract/enums.ts';
import type { Guardian, LinkedGuardian, Student } from '../../../../../shared/contract/people.ts';
import type { Class } from '../../../../../shared/contract/structure.ts';
import { todayIso } from '../../../diary/dates.ts';
import { useItem, useList } from '../api.ts';
import { CrudSection, type FieldDef } from '../EntityEditor.tsx';
import { rosterDate } from '../presets.ts';
import { useCrud } from '../useCrud.ts';
import { pickOptions, ruDate, type YearStepProps } from './common.ts';

/** Step 7: the students of each class (added one by one with the admission order) and their guardians. */
export function StudentsStep({ schoolId, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const classes = useList<Class>(schoolId, 'classes', { academicYearId: year.id });
  const classList = [...(classes.data?.items ?? [])].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'));
  const [picked, setPicked] = useState('');
  const classId = picked || classList[0]?.id || '';
  const on = rosterDate(todayIso(), year);
  const students = useList<Student>(schoolId, 'students', { classId, on }, Boolean(classId));
  const [studentId, setStudentId] = useState<string | null>(null);
  const current = students.data?.items.find((s) => s.id === studentId);
  const className = classList.find((c) => c.id === classId)?.name ?? '';
  const personFields = (prefix: string): FieldDef[] => [
    { name: 'lastName', label: t('admin.setup.person.lastName'), required: true },
    { name: 'firstName', label: t('admin.setup.person.firstName'), required: true },
    { name: 'middleName', label: t('admin.setup.person.middleName') },
    { name: 'gender', label: t('admin.setup.person.gender'), kind: 'select', options: GENDERS.map((g) => ({ value: g, label: t(`admin.setup.person.genders.${g}`) })) },
  ].map((f) => ({ ...f, name: `${prefix}${f.name}` }) as FieldDef);

  if (classes.isSuccess && classList.length === 0) return <Text>{t('admin.setup.student.noClasses')}</Text>;
  return (
    <Stack gap="lg">
      <NativeSelect label={t('admin.setup.student.class')} value={classId} maw={320}
        onChange={(e) => { setPicked(e.currentTarget.value); setStudentId(null); }}
        data={classList.map((c) => ({ value: c.id, label: c.name }))} />
      {classId && (
        <CrudSection title={t('admin.setup.student.title', { name: className, date: ruDate(on) })} query={students} rowKey={(s) => s.id}
          nameOf={(s) => s.shortName} sort={(a, b) => a.fullName.localeCompare(b.fullName, 'ru')} remove={crud.remove}
          columns={[
            { key: 'name', label: t('admin.setup.person.fullName'), render: (s) => s.fullName },
            { key: 'birth', label: t('admin.setup.student.birthDate'), render: (s) => ruDate(s.birthDate) },
          ]}
          deletePath={undefined}
          before={<Text size="sm" c="dimmed">{t('admin.setup.student.hint')}</Text>}
          form={{
            title: t('admin.setup.student.add', { name: className }), submitLabel: t('admin.setup.add'),
            fields: [
              ...personFields(''),
              { name: 'birthDate', label: t('admin.setup.student.birthDate'), kind: 'date', required: true },
              { name: 'snils', label: t('admin.setup.student.snils') },
              { name: 'startsOn', label: t('admin.setup.student.startsOn'), kind: 'date', initial: on, required: true },
              { name: 'orderNumber', label: t('admin.setup.orderNumber'), required: true },
              { name: 'orderDate', label: t('admin.setup.orderDate'), kind: 'date', required: true },
            ],
            onSubmit: async (v) => {
              const student = await crud.post<Student>('students', {
                lastName: v.lastName, firstName: v.firstName, middleName: v.middleName, gender: v.gender, birthDate: v.birthDate, snils: v.snils || null,
              });
              // Admission is its own record (with the order); a refusal here leaves the person to be admitted again.
              await crud.post('enrolments', { studentId: student.id, classId, startsOn: v.startsOn, orderNumber: v.orderNumber, orderDate: v.orderDate });
            },
          }}
          after={students.data && students.data.items.length > 0 && (
            <NativeSelect label={t('admin.setup.guardian.student')} value={studentId ?? ''} maw={420}
              onChange={(e) => setStudentId(e.currentTarget.value || null)}
              data={pickOptions([...students.data.items].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')), (s) => s.id, (s) => s.fullName, t('admin.setup.choose'))} />
          )} />
      )}
      {current && <GuardiansOf schoolId={schoolId} student={current} personFields={personFields} />}
    </Stack>
  );
}

function GuardiansOf({ schoolId, student, personFields }: { schoolId: string; student: Student; personFields: (prefix: string) => FieldDef[] }) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const linked = useItem<{ items: LinkedGuardian[] }>(schoolId, `students/${student.id}/guardians`);
  const query = { ...linked, data: linked.data ? { items: linked.data.items, nextCursor: null } : undefined };
  return (
    <CrudSection title={t('admin.setup.guardian.title', { name: student.fullName })} query={query} rowKey={(g) => g.id} nameOf={(g) => g.shortName}
      remove={crud.remove} deletePath={(g) => `students/${student.id}/guardians/${g.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.person.fullName'), render: (g) => g.fullName },
        { key: 'relation', label: t('admin.setup.guardian.relation'), render: (g) => t(`admin.setup.guardian.relations.${g.relation}`) },
        { key: 'contacts', label: t('admin.setup.person.contacts'), render: (g) => [g.phone, g.email].filter(Boolean).join(', ') },
      ]}
      form={{
        title: t('admin.setup.guardian.add'), submitLabel: t('admin.setup.add'),
        fields: [
          ...personFields(''),
          { name: 'relation', label: t('admin.setup.guardian.relation'), kind: 'select', options: GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`admin.setup.guardian.relations.${r}`) })) },
          { name: 'phone', label: t('admin.setup.person.phone') },
          { name: 'email', label: t('admin.setup.person.email') },
        ],
        onSubmit: async (v) => {
          const guardian = await crud.post<Guardian>('guardians', {
            lastName: v.lastName, firstName: v.firstName, middleName: v.middleName, gender: v.gender, phone: v.phone, email: v.email,
          });
          await crud.put(`students/${student.id}/guardians/${guardian.id}`, { relation: v.relation });
        },
      }} />
  );
}
