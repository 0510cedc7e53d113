import { Alert, NativeSelect, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../../../shared/contract/calendar.ts';
import type { Staff } from '../../../../../shared/contract/people.ts';
import type { Assignment, CurriculumMismatch, Subject, TeachingGroup } from '../../../../../shared/contract/structure.ts';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import { useItem, useList } from '../api.ts';
import { CrudSection, EntityTable, toNumber } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import { pickOptions, type YearStepProps } from './common.ts';

/** Lookups by id for the load and timetable tables (names instead of ids). */
export function useNames(schoolId: string, yearId: string) {
  const staff = useList<Staff>(schoolId, 'staff', { active: 'true' });
  const groups = useList<TeachingGroup>(schoolId, 'teaching-groups', { academicYearId: yearId });
  const subjects = useList<Subject>(schoolId, 'subjects', { archived: 'false' });
  const byName = <T,>(items: T[] | undefined, name: (item: T) => string) => [...(items ?? [])].sort((a, b) => name(a).localeCompare(name(b), 'ru', { numeric: true }));
  const lists = {
    staff: byName(staff.data?.items, (s) => s.fullName),
    groups: byName(groups.data?.items, (g) => g.name),
    subjects: byName(subjects.data?.items, (s) => s.name),
  };
  const find = <T extends { id: string }>(items: T[], id: string | null, name: (item: T) => string) => {
    const item = items.find((i) => i.id === id);
    return item ? name(item) : '—';
  };
  return {
    ...lists,
    staffName: (id: string | null) => find(lists.staff, id, (s) => s.shortName),
    groupName: (id: string | null) => find(lists.groups, id, (g) => g.name),
    subjectName: (id: string | null) => find(lists.subjects, id, (s) => s.name),
  };
}

/** Step 8: teaching load (teacher × group × subject × hours) and how it compares with the curriculum. */
export function LoadStep({ schoolId, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const names = useNames(schoolId, year.id);
  // One group at a time: a whole school's load is hundreds of lines.
  const [picked, setPicked] = useState('');
  const groupId = picked || names.groups[0]?.id || '';
  const query = useList<Assignment>(schoolId, 'assignments', { academicYearId: year.id, groupId }, Boolean(groupId));
  const periods = useList<Period>(schoolId, 'periods', { academicYearId: year.id });
  const choose = t('admin.setup.choose');
  return (
    <Stack gap="lg">
      {names.groups.length > 0 && (
        <NativeSelect label={t('admin.setup.timetable.group')} value={groupId} maw={320} onChange={(e) => setPicked(e.currentTarget.value)}
          data={names.groups.map((g) => ({ value: g.id, label: g.name }))} />
      )}
      <CrudSection key={groupId} title={t('admin.setup.load.title', { name: `${year.name}, ${names.groupName(groupId)}` })} query={query} rowKey={(a) => a.id}
        nameOf={(a) => `${names.staffName(a.staffId)} · ${names.groupName(a.groupId)}`}
        sort={(a, b) => names.groupName(a.groupId).localeCompare(names.groupName(b.groupId), 'ru') || names.subjectName(a.subjectId).localeCompare(names.subjectName(b.subjectId), 'ru')}
        remove={crud.remove} deletePath={(a) => `assignments/${a.id}`}
        columns={[
          { key: 'group', label: t('admin.setup.load.group'), render: (a) => names.groupName(a.groupId) },
          { key: 'subject', label: t('admin.setup.load.subject'), render: (a) => names.subjectName(a.subjectId) },
          { key: 'teacher', label: t('admin.setup.load.teacher'), render: (a) => names.staffName(a.staffId) },
          { key: 'hours', label: t('admin.setup.load.hours'), render: (a) => a.hoursPerWeek },
          { key: 'period', label: t('admin.setup.load.period'), render: (a) => periods.data?.items.find((p) => p.id === a.periodId)?.name ?? t('admin.setup.load.wholeYear') },
        ]}
        form={{
          title: t('admin.setup.load.add'), submitLabel: t('admin.setup.add'),
          fields: [
            { name: 'staffId', label: t('admin.setup.load.teacher'), kind: 'select', required: true, options: pickOptions(names.staff, (s) => s.id, (s) => s.fullName, choose) },
            { name: 'groupId', label: t('admin.setup.load.group'), kind: 'select', required: true, initial: groupId, options: pickOptions(names.groups, (g) => g.id, (g) => g.name, choose) },
            { name: 'subjectId', label: t('admin.setup.load.subject'), kind: 'select', required: true, options: pickOptions(names.subjects, (s) => s.id, (s) => s.name, choose) },
            { name: 'hoursPerWeek', label: t('admin.setup.load.hours'), kind: 'number', required: true },
            { name: 'periodId', label: t('admin.setup.load.period'), kind: 'select',
              options: [{ value: '', label: t('admin.setup.load.wholeYear') }, ...(periods.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.gradeFrom}–${p.gradeTo})` }))] },
          ],
          onSubmit: (v) => crud.post('assignments', {
            staffId: v.staffId, groupId: v.groupId, subjectId: v.subjectId, hoursPerWeek: toNumber(v.hoursPerWeek), periodId: v.periodId || null,
          }),
        }} />
      <CurriculumCheck schoolId={schoolId} yearId={year.id} subjectName={names.subjectName} groupName={names.groupName} />
    </Stack>
  );
}

/** Seed 002, 4.4.4: hours taught must match the curriculum; every mismatch line is listed. */
function CurriculumCheck({ schoolId, yearId, subjectName, groupName }: {
  schoolId: string; yearId: string; subjectName: (id: string) => string; groupName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const check = useItem<{ items: CurriculumMismatch[] }>(schoolId, 'curriculum/check', { academicYearId: yearId });
  const title = t('admin.setup.load.check');
  return (
    <Stack gap="xs">
      <Title order={3}>{title}</Title>
      {check.isError && <ErrorAlert error={check.error} />}
      {check.data && (check.data.items.length === 0
        ? <Alert color="green" role="status">{t('admin.setup.load.checkOk')}</Alert>
        : <EntityTable caption={t('admin.setup.load.checkCaption', { n: check.data.items.length })} rows={check.data.items}
            rowKey={(m) => `${m.classId}-${m.subjectId}-${m.groupId ?? ''}`}
            columns={[
              { key: 'class', label: t('admin.setup.load.class'), render: (m) => (m.groupId ? `${m.className} (${groupName(m.groupId)})` : m.className) },
              { key: 'subject', label: t('admin.setup.load.subject'), render: (m) => subjectName(m.subjectId) },
              { key: 'curriculum', label: t('admin.setup.load.curriculumHours'), render: (m) => m.curriculumHours ?? '—' },
              { key: 'assigned', label: t('admin.setup.load.assignedHours'), render: (m) => m.assignedHours },
            ]} />)}
    </Stack>
  );
}
