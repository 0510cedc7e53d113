import { useTranslation } from 'react-i18next';
import { GENDERS, STAFF_POSITIONS } from '../../../../../shared/contract/enums.ts';
import type { Staff } from '../../../../../shared/contract/people.ts';
import { useList } from '../api.ts';
import { CrudSection } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import { ruDate, type YearStepProps } from './common.ts';

/** Step 5: the staff (teachers first of all) — who can be a class teacher, teach, stand in the timetable. */
export function StaffStep({ schoolId }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const query = useList<Staff>(schoolId, 'staff', { active: 'true' });
  return (
    <CrudSection title={t('admin.setup.staff.title')} query={query} rowKey={(s) => s.id} nameOf={(s) => s.shortName}
      sort={(a, b) => a.fullName.localeCompare(b.fullName, 'ru')} remove={crud.remove} deletePath={(s) => `staff/${s.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.person.fullName'), render: (s) => s.fullName },
        { key: 'position', label: t('admin.setup.staff.position'), render: (s) => t(`admin.setup.staff.positions.${s.position}`) },
        { key: 'contacts', label: t('admin.setup.person.contacts'), render: (s) => [s.phone, s.email].filter(Boolean).join(', ') },
        { key: 'hired', label: t('admin.setup.staff.hiredOn'), render: (s) => ruDate(s.hiredOn) },
      ]}
      form={{
        title: t('admin.setup.staff.add'), submitLabel: t('admin.setup.add'),
        fields: [
          { name: 'lastName', label: t('admin.setup.person.lastName'), required: true },
          { name: 'firstName', label: t('admin.setup.person.firstName'), required: true },
          { name: 'middleName', label: t('admin.setup.person.middleName') },
          { name: 'gender', label: t('admin.setup.person.gender'), kind: 'select', options: GENDERS.map((g) => ({ value: g, label: t(`admin.setup.person.genders.${g}`) })) },
          { name: 'position', label: t('admin.setup.staff.position'), kind: 'select', options: STAFF_POSITIONS.map((p) => ({ value: p, label: t(`admin.setup.staff.positions.${p}`) })) },
          { name: 'phone', label: t('admin.setup.person.phone'), kind: 'text' },
          { name: 'email', label: t('admin.setup.person.email'), kind: 'text' },
          { name: 'hiredOn', label: t('admin.setup.staff.hiredOn'), kind: 'date' },
        ],
        onSubmit: (v) => crud.post('staff', { ...v, hiredOn: v.hiredOn || null }),
      }} />
  );
}
