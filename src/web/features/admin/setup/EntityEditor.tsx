import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../../components/Layout.tsx';
import type { ListPage } from './api.ts';

export type Option = { value: string; label: string };
export type FieldDef = {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'time' | 'number' | 'select' | 'checkbox';
  options?: Option[];
  required?: boolean;
  initial?: string;
  description?: string;
};
export type Values = Record<string, string>;
export type Column<T> = { key: string; label: string; render: (row: T) => ReactNode };

const initialValues = (fields: FieldDef[]): Values =>
  Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'select' ? (f.options?.[0]?.value ?? '') : f.kind === 'checkbox' ? 'false' : '')]));

/** Form text → body: '' becomes null for optional fields, numbers become numbers. */
export function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** One control of a form, labelled, with the API's message for its field. */
export function Field({ field, value, error, onChange }: { field: FieldDef; value: string; error?: string; onChange: (v: string) => void }) {
  const common = { label: field.label, description: field.description, error, required: field.required };
  switch (field.kind) {
    case 'select':
      return <NativeSelect {...common} data={field.options ?? []} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'checkbox':
      return <Checkbox label={field.label} error={error} checked={value === 'true'} onChange={(e) => onChange(String(e.currentTarget.checked))} className="setup-checkbox" />;
    case 'number':
      return <TextInput {...common} inputMode="decimal" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} type={field.kind ?? 'text'} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/**
 * An add form: labelled fields from `fields`, one submit, the API's refusal shown above and its
 * field messages under each field. Cleared after a success.
 */
export function EntityForm({ title, fields, submitLabel, onSubmit, children, keepValues = false }: {
  title: string;
  fields: FieldDef[];
  submitLabel: string;
  onSubmit: (values: Values) => Promise<unknown>;
  children?: ReactNode;
  keepValues?: boolean;
}) {
  const { i18n, t } = useTranslation();
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error, i18n.language);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setSaved(false);
    try {
      await onSubmit(values);
      setError(null);
      setSaved(true);
      if (!keepValues) setValues(initialValues(fields));
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={title} className="setup-form">
      <Stack gap="xs">
        <Title order={4}>{title}</Title>
        {error !== null && <ErrorAlert error={error} />}
        {saved && <Text size="sm" c="green.9" role="status">{t('admin.setup.saved')}</Text>}
        <div className="setup-fields">
          {fields.map((field) => (
            <Field key={field.name} field={field} value={values[field.name] ?? ''} error={errors[field.name]}
              onChange={(v) => setValues((prev) => ({ ...prev, [field.name]: v }))} />
          ))}
        </div>
        {children}
        <Group><Button type="submit" loading={pending}>{submitLabel}</Button></Group>
      </Stack>
    </form>
  );
}

/** A destructive action asked twice, inline (no modal, keyboard-friendly). */
export function ConfirmButton({ label, confirm, onConfirm, color = 'red', variant = 'light' }: {
  label: string; confirm: string; onConfirm: () => Promise<unknown>; color?: string; variant?: 'subtle' | 'light' | 'filled' | 'default';
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  if (!asking) return <Button size="xs" variant={variant} color={color} onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" color={color} loading={pending} onClick={() => {
        setPending(true);
        void onConfirm().finally(() => { setPending(false); setAsking(false); });
      }}>{confirm}</Button>
      <Button size="xs" variant="default" onClick={() => setAsking(false)}>{t('admin.setup.cancel')}</Button>
    </Group>
  );
}

/** The existing items: a captioned table that scrolls sideways inside its own box on a phone. */
export function EntityTable<T>({ caption, rows, columns, rowKey, actions, empty }: {
  caption: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  actions?: (row: T) => ReactNode;
  empty?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Alert color="gray" role="status" title={caption}>{empty ?? t('admin.setup.empty')}</Alert>;
  return (
    <div className="setup-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder highlightOnHover captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => <Table.Th key={c.key} scope="col">{c.label}</Table.Th>)}
            {actions && <Table.Th scope="col">{t('admin.setup.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((c) => <Table.Td key={c.key}>{c.render(row)}</Table.Td>)}
              {actions && <Table.Td><Group gap={4} wrap="nowrap">{actions(row)}</Group></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** A list query's states around a table: loader, error, the table, and a note when there is more than one page. */
export function ListView<T>({ query, children }: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: ListPage<T> };
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (query.isPending || !query.data) return <FullPageLoader />;
  return (
    <>
      {children(query.data.items)}
      {query.data.nextCursor && <Text size="sm" c="dimmed">{t('admin.setup.morePages', { n: query.data.items.length })}</Text>}
    </>
  );
}

/** A delete button for a row, asked twice; a refusal shows as an alert above the table. */
export function useDeleteAction(remove: (path: string) => Promise<unknown>) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const button = (path: string, name: string) => (
    <ConfirmButton key="delete" label={t('admin.setup.delete')} confirm={t('admin.setup.confirmDelete', { name })}
      onConfirm={() => remove(path).then(() => setError(null), setError)} />
  );
  const alert = error !== null ? <ErrorAlert error={error} /> : null;
  return { button, alert };
}

/**
 * The usual editor of a step: a heading, the table of what exists (with delete), and the add
 * form. Everything specific is data: columns, fields and how form values become the body.
 */
export function CrudSection<T>({ title, query, columns, rowKey, sort, deletePath, nameOf, form, remove, before, after }: {
  title: string;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: ListPage<T> };
  columns: Column<T>[];
  rowKey: (row: T) => string;
  sort?: (a: T, b: T) => number;
  deletePath?: (row: T) => string | null;
  nameOf: (row: T) => string;
  form?: { title: string; fields: FieldDef[]; submitLabel: string; onSubmit: (values: Values) => Promise<unknown> };
  remove: (path: string) => Promise<unknown>;
  before?: ReactNode;
  after?: ReactNode;
}) {
  const del = useDeleteAction(remove);
  return (
    <Stack gap="xs">
      <Title order={3}>{title}</Title>
      {before}
      {del.alert}
      <ListView query={query}>
        {(rows) => (
          <EntityTable caption={title} rows={sort ? [...rows].sort(sort) : rows} rowKey={rowKey} columns={columns}
            actions={deletePath ? (row) => { const path = deletePath(row); return path ? del.button(path, nameOf(row)) : null; } : undefined} />
        )}
      </ListView>
      {form && <EntityForm {...form} />}
      {after}
    </Stack>
  );
}
