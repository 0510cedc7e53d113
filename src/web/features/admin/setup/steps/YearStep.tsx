import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AcademicYear, Period } from '../../../../../shared/contract/calendar.ts';
import { PERIOD_KINDS } from '../../../../../shared/contract/enums.ts';
import type { RolloverSummary } from '../../../../../shared/contract/rollover.ts';
import { ErrorAlert, fieldErrors } from '../../../../components/ErrorAlert.tsx';
import { useList, useWrite } from '../api.ts';
import { ConfirmButton, EntityForm, EntityTable, Field, type FieldDef, ListView, toNumber, useDeleteAction } from '../EntityEditor.tsx';
import { nextYearDefaults, type PeriodPreset, presetPeriods } from '../presets.ts';
import { band, gradeOptions, ruDate, type StepProps } from './common.ts';

/** Step 1: the academic years (create, open, close), «Открыть новый учебный год», the periods of the chosen year. */
export function YearStep(props: StepProps) {
  const { t } = useTranslation();
  const { years, year } = props;
  const source = years.find((y) => y.status === 'open') ?? years.find((y) => y.status === 'closed');
  return (
    <Stack gap="lg">
      <YearsTable {...props} />
      {source && <RolloverPanel {...props} key={source.id} defaultSource={source} />}
      <CreateYear {...props} />
      {year
        ? <PeriodsEditor {...props} year={year} />
        : <Alert color="gray" role="status">{t('admin.setup.needYear')}</Alert>}
    </Stack>
  );
}

function YearsTable({ schoolId, years, year, selectYear }: StepProps) {
  const { t } = useTranslation();
  const write = useWrite(schoolId);
  const [error, setError] = useState<unknown>(null);
  const act = (path: string, method: 'POST' | 'DELETE' = 'POST') =>
    write.mutateAsync({ method, path }).then(() => setError(null), setError);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('admin.setup.year.years')}</Title>
      {error !== null && <ErrorAlert error={error} />}
      <EntityTable caption={t('admin.setup.year.years')} rows={years} rowKey={(y) => y.id}
        columns={[
          { key: 'name', label: t('admin.setup.year.name'), render: (y) => (
            <Group gap={6} wrap="nowrap">{y.name}{y.id === year?.id && <Badge color="blue" variant="light">{t('admin.setup.year.shown')}</Badge>}</Group>) },
          { key: 'dates', label: t('admin.setup.dates'), render: (y) => `${ruDate(y.startsOn)} — ${ruDate(y.endsOn)}` },
          { key: 'week', label: t('admin.setup.year.weekDays'), render: (y) => t(`admin.setup.year.week${y.weekDays}`) },
          { key: 'status', label: t('admin.setup.year.status'), render: (y) => t(`admin.setup.year.statuses.${y.status}`) },
        ]}
        actions={(y: AcademicYear) => [
          y.id !== year?.id && <Button key="pick" size="xs" variant="light" onClick={() => selectYear(y.id)}>{t('admin.setup.year.pick')}</Button>,
          y.status === 'planning' && <ConfirmButton key="open" label={t('admin.setup.year.open')} color="green" variant="light"
            confirm={t('admin.setup.year.confirmOpen', { name: y.name })} onConfirm={() => act(`academic-years/${y.id}/open`)} />,
          y.status === 'open' && <ConfirmButton key="close" label={t('admin.setup.year.close')} variant="light"
            confirm={t('admin.setup.year.confirmClose', { name: y.name })} onConfirm={() => act(`academic-years/${y.id}/close`)} />,
          // Issue 14: the signed archive of a closed year, downloaded as one .tar.
          (y.status === 'closed' || y.status === 'archived') && <Button key="archive" component="a" size="xs" variant="light" download
            href={`/api/v1/schools/${schoolId}/academic-years/${y.id}/archive.tar`} aria-label={`${t('admin.setup.year.archive')} ${y.name}`}>
            {t('admin.setup.year.archive')}</Button>,
          y.status === 'planning' && <ConfirmButton key="delete" label={t('admin.setup.delete')}
            confirm={t('admin.setup.confirmDelete', { name: y.name })} onConfirm={() => act(`academic-years/${y.id}`, 'DELETE')} />,
        ]}
        empty={t('admin.setup.year.noYears')} />
      <Text size="sm" c="dimmed">{t('admin.setup.year.oneOpen')}</Text>
      {years.some((y) => y.status === 'closed' || y.status === 'archived') && <Text size="sm" c="dimmed">{t('admin.setup.year.archiveHint')}</Text>}
    </Stack>
  );
}

function CreateYear({ schoolId, selectYear }: StepProps) {
  const { t } = useTranslation();
  const write = useWrite<unknown, AcademicYear>(schoolId);
  const fields: FieldDef[] = [
    { name: 'name', label: t('admin.setup.year.name'), required: true },
    { name: 'startsOn', label: t('admin.setup.startsOn'), kind: 'date', required: true },
    { name: 'endsOn', label: t('admin.setup.endsOn'), kind: 'date', required: true },
    { name: 'weekDays', label: t('admin.setup.year.weekDays'), kind: 'select', options: [
      { value: '5', label: t('admin.setup.year.week5') }, { value: '6', label: t('admin.setup.year.week6') }] },
  ];
  return (
    <EntityForm title={t('admin.setup.year.create')} fields={fields} submitLabel={t('admin.setup.year.createSubmit')}
      onSubmit={async (v) => {
        const created = await write.mutateAsync({ method: 'POST', path: 'academic-years', body: { ...v, weekDays: Number(v.weekDays) } });
        selectYear(created.id);
      }} />
  );
}

/** «Открыть новый учебный год»: the preview of the very same work first, then the confirmation. */
function RolloverPanel({ schoolId, school, years, selectYear, defaultSource }: StepProps & { defaultSource: AcademicYear }) {
  const { t, i18n } = useTranslation();
  const sources = years.filter((y) => y.status === 'open' || y.status === 'closed');
  const [values, setValues] = useState<Record<string, string>>(() => {
    const next = nextYearDefaults(defaultSource);
    return { fromYearId: defaultSource.id, ...next, lastGrade: school.kind === 'college' ? '4' : '11', orderNumber: '', orderDate: '' };
  });
  const [preview, setPreview] = useState<RolloverSummary | null>(null);
  const [applied, setApplied] = useState<RolloverSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const write = useWrite<unknown, RolloverSummary>(schoolId);
  const errors = fieldErrors(error, i18n.language);
  const body = () => ({
    name: values.name, startsOn: values.startsOn, endsOn: values.endsOn, orderNumber: values.orderNumber, orderDate: values.orderDate,
    ...(values.lastGrade ? { lastGrade: toNumber(values.lastGrade) } : {}),
  });
  const path = `academic-years/${values.fromYearId}/rollover`;
  const runPreview = async (event: FormEvent) => {
    event.preventDefault();
    setApplied(null);
    try {
      setPreview(await write.mutateAsync({ method: 'POST', path: `${path}/preview`, body: body() }));
      setError(null);
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  };
  const apply = async () => {
    try {
      const summary = await write.mutateAsync({ method: 'POST', path, body: body() });
      setApplied(summary);
      setPreview(null);
      setError(null);
      selectYear(summary.year.id);
    } catch (e) {
      setError(e);
    }
  };
  const change = (name: string) => (v: string) => {
    setPreview(null);
    setValues((prev) => ({ ...prev, [name]: v, ...(name === 'fromYearId' ? nextYearDefaults(sources.find((y) => y.id === v)!) : {}) }));
  };
  const fields: FieldDef[] = [
    { name: 'fromYearId', label: t('admin.setup.rollover.from'), kind: 'select', options: sources.map((y) => ({ value: y.id, label: y.name })) },
    { name: 'name', label: t('admin.setup.rollover.name'), required: true },
    { name: 'startsOn', label: t('admin.setup.startsOn'), kind: 'date', required: true },
    { name: 'endsOn', label: t('admin.setup.endsOn'), kind: 'date', required: true },
    { name: 'lastGrade', label: t('admin.setup.rollover.lastGrade'), kind: 'select', options: gradeOptions(school.kind === 'college') },
    { name: 'orderNumber', label: t('admin.setup.orderNumber'), required: true },
    { name: 'orderDate', label: t('admin.setup.orderDate'), kind: 'date', required: true },
  ];
  const counts = preview?.counts ?? applied?.counts;
  return (
    <form onSubmit={(e) => void runPreview(e)} aria-label={t('admin.setup.rollover.title')} className="setup-form">
      <Stack gap="xs">
        <Title order={3}>{t('admin.setup.rollover.title')}</Title>
        <Text size="sm">{t('admin.setup.rollover.hint')}</Text>
        {error !== null && <ErrorAlert error={error} />}
        <div className="setup-fields">
          {fields.map((f) => <Field key={f.name} field={f} value={values[f.name] ?? ''} error={errors[f.name]} onChange={change(f.name)} />)}
        </div>
        <Group><Button type="submit" variant={preview ? 'default' : 'filled'} loading={write.isPending && !preview}>{t('admin.setup.rollover.preview')}</Button></Group>
        {counts && (
          <section aria-label={preview ? t('admin.setup.rollover.previewTitle') : t('admin.setup.rollover.doneTitle')} className="setup-summary">
            <Title order={4}>{preview ? t('admin.setup.rollover.previewTitle', { name: preview.year.name }) : t('admin.setup.rollover.doneTitle', { name: applied!.year.name })}</Title>
            <ul>
              {(['promoted', 'graduated', 'classes', 'graduatingClasses', 'groups', 'assignments', 'curriculum', 'periods', 'holidays', 'bellSchedules'] as const)
                .map((k) => <li key={k}>{t(`admin.setup.rollover.counts.${k}`, { n: counts[k] })}</li>)}
            </ul>
            {preview && (
              <Group>
                <ConfirmButton label={t('admin.setup.rollover.apply')} variant="filled" color="blue"
                  confirm={t('admin.setup.rollover.confirm', { name: preview.year.name })} onConfirm={apply} />
              </Group>
            )}
            {applied && <Text role="status" c="green.9">{t('admin.setup.rollover.next')}</Text>}
          </section>
        )}
      </Stack>
    </form>
  );
}

function PeriodsEditor({ schoolId, school, year }: StepProps & { year: AcademicYear }) {
  const { t } = useTranslation();
  const periods = useList<Period>(schoolId, 'periods', { academicYearId: year.id });
  const write = useWrite(schoolId);
  const del = useDeleteAction((path) => write.mutateAsync({ method: 'DELETE', path }));
  const [presetError, setPresetError] = useState<unknown>(null);
  const college = school.kind === 'college';
  const presets: PeriodPreset[] = college ? ['semesters'] : ['quarters', 'halves'];
  const addPreset = async (preset: PeriodPreset) => {
    try {
      // One period after another: the API checks each against the ones before it.
      for (const p of presetPeriods(preset, year)) await write.mutateAsync({ method: 'POST', path: 'periods', body: { academicYearId: year.id, ...p } });
      setPresetError(null);
    } catch (e) {
      setPresetError(e);
    }
  };
  const fields: FieldDef[] = [
    { name: 'name', label: t('admin.setup.period.name'), required: true },
    { name: 'kind', label: t('admin.setup.period.kind'), kind: 'select', options: PERIOD_KINDS.map((k) => ({ value: k, label: t(`admin.setup.period.kinds.${k}`) })) },
    { name: 'gradeFrom', label: t('admin.setup.gradeFrom'), kind: 'select', options: gradeOptions(college), required: true },
    { name: 'gradeTo', label: t('admin.setup.gradeTo'), kind: 'select', options: gradeOptions(college), initial: college ? '4' : '11', required: true },
    { name: 'startsOn', label: t('admin.setup.startsOn'), kind: 'date', required: true },
    { name: 'endsOn', label: t('admin.setup.endsOn'), kind: 'date', required: true },
  ];
  return (
    <Stack gap="xs">
      <Title order={3}>{t('admin.setup.period.title', { name: year.name })}</Title>
      {del.alert}
      <ListView query={periods}>
        {(rows) => (
          <EntityTable caption={t('admin.setup.period.title', { name: year.name })} rows={[...rows].sort((a, b) => a.gradeFrom - b.gradeFrom || a.startsOn.localeCompare(b.startsOn))}
            rowKey={(p) => p.id} empty={t('admin.setup.period.none')}
            columns={[
              { key: 'name', label: t('admin.setup.period.name'), render: (p) => p.name },
              { key: 'kind', label: t('admin.setup.period.kind'), render: (p) => t(`admin.setup.period.kinds.${p.kind}`) },
              { key: 'grades', label: t('admin.setup.grades'), render: (p) => band(p.gradeFrom, p.gradeTo, '') },
              { key: 'dates', label: t('admin.setup.dates'), render: (p) => `${ruDate(p.startsOn)} — ${ruDate(p.endsOn)}` },
            ]}
            actions={(p) => del.button(`periods/${p.id}`, p.name)} />
        )}
      </ListView>
      <Text size="sm">{t('admin.setup.period.presetsHint')}</Text>
      {presetError !== null && <ErrorAlert error={presetError} />}
      <Group gap="xs">
        {presets.map((p) => (
          <Button key={p} variant="light" loading={write.isPending} onClick={() => void addPreset(p)}>{t(`admin.setup.period.presets.${p}`)}</Button>
        ))}
      </Group>
      <EntityForm title={t('admin.setup.period.add')} fields={fields} submitLabel={t('admin.setup.add')}
        onSubmit={(v) => write.mutateAsync({ method: 'POST', path: 'periods', body: {
          academicYearId: year.id, ...v, gradeFrom: toNumber(v.gradeFrom), gradeTo: toNumber(v.gradeTo) } })} />
    </Stack>
  );
}
