/**
 * What a voided change did, as rows a person can read: the fields that matter (not ids, versions
 * or timestamps), and for an update only those that changed. Labels and values are translated by
 * the page (`admin.compromise.entities.*`, `admin.compromise.fields.*`).
 */
export type AuditRow = Record<string, unknown> | null;
export type FieldChange = { field: string; before: unknown; after: unknown };

/** Bookkeeping columns: the same on every table, meaningless to a person reading the change. */
const TECHNICAL = new Set(['school_id', 'id', 'version', 'created_at', 'updated_at', 'author_user_id', 'password_hash']);

const isReference = (field: string) => field.endsWith('_id');

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The readable fields of a change: for an update the changed ones, for an insert or delete the whole row. */
export function changedFields(operation: string, before: AuditRow, after: AuditRow): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !TECHNICAL.has(k));
  const rows = keys.map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }));
  if (operation === 'update') return rows.filter((r) => !same(r.before, r.after));
  // A new or removed row: its own values, without references to other rows (shown as the entity),
  // empty values or unset flags (`deleted: false` says nothing).
  const blank = new Set([JSON.stringify(null), JSON.stringify(''), JSON.stringify(false)]);
  return rows.filter((r) => !isReference(r.field) && !blank.has(JSON.stringify((operation === 'delete' ? r.before : r.after) ?? null)));
}

export type ValueKind =
  | { kind: 'empty' } | { kind: 'bool'; value: boolean } | { kind: 'reference' } | { kind: 'code'; field: string; value: string }
  | { kind: 'time'; at: Date } | { kind: 'text'; value: string };

/** Fields whose values are codes the page translates (attendance н/б/у/оп, mark scales). */
const CODED = new Set(['code', 'scale', 'operation', 'status']);

/** How one value is shown: empty, yes/no, «another record», a translated code, a moment (in local time), or the text itself. */
export function valueKind(field: string, value: unknown): ValueKind {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (isReference(field)) return { kind: 'reference' };
  if (CODED.has(field) && typeof value === 'string') return { kind: 'code', field, value };
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'time', at: new Date(value) };
  if (typeof value === 'object') return { kind: 'text', value: JSON.stringify(value) };
  return { kind: 'text', value: String(value).replace(/^(-?\d+)\.0+$/, '$1') };
}
