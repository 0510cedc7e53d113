import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BellSchedule } from '../../../../../shared/contract/calendar.ts';
import { ErrorAlert, fieldErrors } from '../../../../components/ErrorAlert.tsx';
import { useList } from '../api.ts';
import { CrudSection, Field, toNumber } from '../EntityEditor.tsx';
import { STANDARD_BELLS } from '../presets.ts';
import { useCrud } from '../useCrud.ts';
import type { YearStepProps } from './common.ts';

type BellRow = { lessonNumber: string; startsAt: string; endsAt: string };
const emptyRow = (n: number): BellRow => ({ lessonNumber: String(n), startsAt: '', endsAt: '' });

/** Step 3: bell schedules of the year — lesson number, start and end of each lesson. */
export function BellsStep({ schoolId, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const query = useList<BellSchedule>(schoolId, 'bell-schedules', { academicYearId: year.id });
  return (
    <CrudSection title={t('admin.setup.bells.title', { name: year.name })} query={query} rowKey={(s) => s.id} nameOf={(s) => s.name}
      remove={crud.remove} deletePath={(s) => `bell-schedules/${s.id}`}
      columns={[
        { key: 'name', label: t('admin.setup.bells.name'), render: (s) => (s.isDefault ? `${s.name} — ${t('admin.setup.bells.default')}` : s.name) },
        { key: 'bells', label: t('admin.setup.bells.lessons'), render: (s) => (
          <ol className="setup-bells">
            {s.bells.map((b) => <li key={b.lessonNumber}>{t('admin.setup.bells.lesson', { n: b.lessonNumber })}: {b.startsAt}–{b.endsAt}</li>)}
          </ol>) },
      ]}
      after={<BellForm schoolId={schoolId} yearId={year.id} post={crud.post} />} />
  );
}

function BellForm({ yearId, post }: { schoolId: string; yearId: string; post: (path: string, body: unknown) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState('true');
  const [rows, setRows] = useState<BellRow[]>([emptyRow(1)]);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error, i18n.language);
  const setRow = (index: number, key: keyof BellRow) => (v: string) => setRows((prev) => prev.map((r, i) => (i === index ? { ...r, [key]: v } : r)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setSaved(false);
    try {
      await post('bell-schedules', {
        academicYearId: yearId, name, isDefault: isDefault === 'true',
        bells: rows.map((r) => ({ lessonNumber: toNumber(r.lessonNumber), startsAt: r.startsAt, endsAt: r.endsAt })),
      });
      setError(null);
      setSaved(true);
      setName('');
      setRows([emptyRow(1)]);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('admin.setup.bells.add')} className="setup-form">
      <Stack gap="xs">
        <Title order={4}>{t('admin.setup.bells.add')}</Title>
        {error !== null && <ErrorAlert error={error} />}
        {saved && <Text size="sm" c="green.9" role="status">{t('admin.setup.saved')}</Text>}
        <div className="setup-fields">
          <Field field={{ name: 'name', label: t('admin.setup.bells.name'), required: true }} value={name} error={errors.name} onChange={setName} />
          <Field field={{ name: 'isDefault', label: t('admin.setup.bells.isDefault'), kind: 'checkbox' }} value={isDefault} onChange={setIsDefault} />
        </div>
        {errors.bells && <Text c="red.8" size="sm">{errors.bells}</Text>}
        {rows.map((row, i) => (
          <fieldset key={i} className="setup-bell-row">
            <legend>{t('admin.setup.bells.lesson', { n: row.lessonNumber || i + 1 })}</legend>
            <div className="setup-fields">
              <Field field={{ name: 'n', label: t('admin.setup.bells.number', { i: i + 1 }) }} value={row.lessonNumber}
                error={errors[`bells.${i}.lessonNumber`]} onChange={setRow(i, 'lessonNumber')} />
              <Field field={{ name: 's', label: t('admin.setup.bells.startsAt', { i: i + 1 }), kind: 'time' }} value={row.startsAt}
                error={errors[`bells.${i}.startsAt`]} onChange={setRow(i, 'startsAt')} />
              <Field field={{ name: 'e', label: t('admin.setup.bells.endsAt', { i: i + 1 }), kind: 'time' }} value={row.endsAt}
                error={errors[`bells.${i}.endsAt`]} onChange={setRow(i, 'endsAt')} />
            </div>
          </fieldset>
        ))}
        <Group gap="xs">
          <Button variant="default" onClick={() => setRows((prev) => [...prev, emptyRow(prev.length + 1)])}>{t('admin.setup.bells.addLesson')}</Button>
          {rows.length > 1 && <Button variant="default" onClick={() => setRows((prev) => prev.slice(0, -1))}>{t('admin.setup.bells.removeLesson')}</Button>}
          <Button variant="light" onClick={() => {
            setRows(STANDARD_BELLS.map((b) => ({ ...b, lessonNumber: String(b.lessonNumber) })));
            if (!name) setName(t('admin.setup.bells.standardName'));
          }}>{t('admin.setup.bells.standard')}</Button>
        </Group>
        <Group><Button type="submit" loading={pending}>{t('admin.setup.bells.save')}</Button></Group>
      </Stack>
    </form>
  );
}
