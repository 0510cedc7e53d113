import { useTranslation } from 'react-i18next';
import type { Holiday } from '../../../../../shared/contract/calendar.ts';
import { HOLIDAY_KINDS } from '../../../../../shared/contract/enums.ts';
import { useList } from '../api.ts';
import { CrudSection, toNumber } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import { band, gradeOptions, ruDate, type YearStepProps } from './common.ts';

/** Step 2: vacations and public holidays, for the whole school or a band of grades. */
export function HolidaysStep({ schoolId, school, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const query = useList<Holiday>(schoolId, 'holidays', { academicYearId: year.id });
  const college = school.kind === 'college';
  const all = t('admin.setup.holiday.wholeSchool');
  return (
    <CrudSection title={t('admin.setup.holiday.title', { name: year.name })} query={query} rowKey={(h) => h.id} nameOf={(h) => h.name}
      sort={(a, b) => a.startsOn.localeCompare(b.startsOn)} remove={crud.remove} deletePath={(h) => `holidays/${h.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.holiday.name'), render: (h) => h.name },
        { key: 'kind', label: t('admin.setup.holiday.kind'), render: (h) => t(`admin.setup.holiday.kinds.${h.kind}`) },
        { key: 'dates', label: t('admin.setup.dates'), render: (h) => `${ruDate(h.startsOn)} — ${ruDate(h.endsOn)}` },
        { key: 'grades', label: t('admin.setup.grades'), render: (h) => band(h.gradeFrom, h.gradeTo, all) },
      ]}
      form={{
        title: t('admin.setup.holiday.add'), submitLabel: t('admin.setup.add'),
        fields: [
          { name: 'name', label: t('admin.setup.holiday.name'), required: true },
          { name: 'kind', label: t('admin.setup.holiday.kind'), kind: 'select', options: HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`admin.setup.holiday.kinds.${k}`) })) },
          { name: 'startsOn', label: t('admin.setup.startsOn'), kind: 'date', required: true },
          { name: 'endsOn', label: t('admin.setup.endsOn'), kind: 'date', required: true },
          { name: 'gradeFrom', label: t('admin.setup.gradeFrom'), kind: 'select', options: gradeOptions(college, all) },
          { name: 'gradeTo', label: t('admin.setup.gradeTo'), kind: 'select', options: gradeOptions(college, all) },
        ],
        onSubmit: (v) => crud.post('holidays', { academicYearId: year.id, ...v, gradeFrom: toNumber(v.gradeFrom), gradeTo: toNumber(v.gradeTo) }),
      }} />
  );
}
