import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../../shared/contract/people.ts';
import type { Class } from '../../../../../shared/contract/structure.ts';
import { useList } from '../api.ts';
import { CrudSection, toNumber } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import { gradeOptions, type YearStepProps } from './common.ts';

/** Step 6: the classes of the year (grade, letter, class teacher, shift); a college's groups with their code. */
export function ClassesStep({ schoolId, school, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const query = useList<Class>(schoolId, 'classes', { academicYearId: year.id });
  const staff = useList<Staff>(schoolId, 'staff', { active: 'true' });
  const people = staff.data?.items ?? [];
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.shortName ?? '—';
  const college = school.kind === 'college';
  return (
    <CrudSection title={t('admin.setup.class.title', { name: year.name })} query={query} rowKey={(c) => c.id} nameOf={(c) => c.name}
      sort={(a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru')} remove={crud.remove} deletePath={(c) => `classes/${c.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.class.name'), render: (c) => c.name },
        { key: 'teacher', label: college ? t('admin.setup.class.curator') : t('admin.setup.class.teacher'), render: (c) => nameOf(c.classTeacherId) },
        { key: 'shift', label: t('admin.setup.class.shift'), render: (c) => c.shift },
      ]}
      form={{
        title: t('admin.setup.class.add'), submitLabel: t('admin.setup.add'),
        fields: [
          { name: 'grade', label: college ? t('admin.setup.class.course') : t('admin.setup.class.grade'), kind: 'select', options: gradeOptions(college), required: true },
          { name: 'letter', label: college ? t('admin.setup.class.code') : t('admin.setup.class.letter'), required: true },
          { name: 'classTeacherId', label: college ? t('admin.setup.class.curator') : t('admin.setup.class.teacher'), kind: 'select',
            options: [{ value: '', label: t('admin.setup.none') }, ...people.map((p) => ({ value: p.id, label: p.fullName }))] },
          { name: 'shift', label: t('admin.setup.class.shift'), kind: 'select', options: [{ value: '1', label: '1' }, { value: '2', label: '2' }] },
        ],
        onSubmit: (v) => crud.post('classes', {
          academicYearId: year.id, grade: toNumber(v.grade), letter: v.letter, classTeacherId: v.classTeacherId || null, shift: toNumber(v.shift),
        }),
      }} />
  );
}
