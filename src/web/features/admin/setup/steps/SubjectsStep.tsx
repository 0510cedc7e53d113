import { useTranslation } from 'react-i18next';
import { SUBJECT_KINDS } from '../../../../../shared/contract/enums.ts';
import type { Subject } from '../../../../../shared/contract/structure.ts';
import { useList } from '../api.ts';
import { CrudSection } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import type { YearStepProps } from './common.ts';

/** Step 4: subjects; a college also has disciplines, professional modules (ПМ) and МДК under them. */
export function SubjectsStep({ schoolId, school }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const query = useList<Subject>(schoolId, 'subjects', { archived: 'false' });
  const college = school.kind === 'college';
  const subjects = query.data?.items ?? [];
  const modules = subjects.filter((s) => s.kind === 'module');
  const kinds = college ? SUBJECT_KINDS : (['subject'] as const);
  return (
    <CrudSection title={t('admin.setup.subject.title')} query={query} rowKey={(s) => s.id} nameOf={(s) => s.name}
      sort={(a, b) => a.name.localeCompare(b.name, 'ru')} remove={crud.remove} deletePath={(s) => `subjects/${s.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.subject.name'), render: (s) => s.name },
        { key: 'short', label: t('admin.setup.subject.shortName'), render: (s) => s.shortName },
        ...(college ? [
          { key: 'kind', label: t('admin.setup.subject.kind'), render: (s: Subject) => t(`admin.setup.subject.kinds.${s.kind}`) },
          { key: 'code', label: t('admin.setup.subject.code'), render: (s: Subject) => s.code },
          { key: 'parent', label: t('admin.setup.subject.parent'), render: (s: Subject) => subjects.find((p) => p.id === s.parentId)?.name ?? '' },
        ] : []),
      ]}
      form={{
        title: t('admin.setup.subject.add'), submitLabel: t('admin.setup.add'),
        fields: [
          { name: 'name', label: t('admin.setup.subject.name'), required: true },
          { name: 'shortName', label: t('admin.setup.subject.shortName'), required: true },
          ...(college ? [
            { name: 'kind', label: t('admin.setup.subject.kind'), kind: 'select' as const, options: kinds.map((k) => ({ value: k, label: t(`admin.setup.subject.kinds.${k}`) })) },
            { name: 'code', label: t('admin.setup.subject.code') },
            { name: 'parentId', label: t('admin.setup.subject.parent'), kind: 'select' as const,
              options: [{ value: '', label: t('admin.setup.none') }, ...modules.map((m) => ({ value: m.id, label: m.name }))] },
          ] : []),
        ],
        onSubmit: (v) => crud.post('subjects', {
          name: v.name, shortName: v.shortName, kind: v.kind || 'subject', code: v.code ?? '', parentId: v.parentId || null,
        }),
      }} />
  );
}
