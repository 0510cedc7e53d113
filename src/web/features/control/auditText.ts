import type { AuditEntry } from '../../../shared/contract/audit.ts';
import { attendanceLetter } from '../../../shared/domain/attendance.ts';

/**
 * The audit log stores whole rows (column names as in the database). This module turns one entry
 * into lines a deputy reads: «Отметка 4 → 5», «Посещаемость: — → н», «Тема: … → …». Each line is an
 * i18n key under `control.audit.change.` with its parameters; the page translates them.
 */
export type ChangeLine = { key: string; params: Record<string, string> };
export type Names = {
  workTypes?: ReadonlyMap<string, string>;
  students?: ReadonlyMap<string, string>;
  periods?: ReadonlyMap<string, string>;
  groups?: ReadonlyMap<string, string>;
  subjects?: ReadonlyMap<string, string>;
};

type Row = Record<string, unknown>;
const EMPTY = '—';


const str = (value: unknown): string => (value === null || value === undefined || value === '' ? EMPTY : String(value));

/** `2025-10-06` → `06.10.2025`; an ISO instant → `06.10.2025 14:05` in the browser's zone. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export function formatInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('ru-RU', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

const mark = (row: Row | null) => (row ? String(row.value ?? EMPTY) : EMPTY);
const attendanceOf = (row: Row | null) => (row && typeof row.code === 'string' ? attendanceLetter(row.code) : EMPTY);
const nameOf = (map: ReadonlyMap<string, string> | undefined, id: unknown) => (typeof id === 'string' ? map?.get(id) ?? '' : '');

function markLines(before: Row | null, after: Row | null, names: Names): ChangeLine[] {
  const row = after ?? before!;
  const student = nameOf(names.students, row.student_id);
  const workType = nameOf(names.workTypes, row.work_type_id);
  const base = { student, workType, weight: str(row.weight) };
  if (!before) return [{ key: 'markNew', params: { ...base, value: mark(after) } }];
  if (!after) return [{ key: 'markRemoved', params: { ...base, value: mark(before) } }];
  if (after.deleted === true && before.deleted !== true) return [{ key: 'markDeleted', params: { ...base, value: mark(before) } }];
  const lines: ChangeLine[] = [];
  if (before.value !== after.value || (before.deleted === true && after.deleted !== true)) {
    lines.push({ key: 'markChanged', params: { ...base, before: before.deleted === true ? EMPTY : mark(before), after: mark(after) } });
  }
  if (before.weight !== after.weight) lines.push({ key: 'weightChanged', params: { before: str(before.weight), after: str(after.weight) } });
  if (before.work_type_id !== after.work_type_id) {
    lines.push({ key: 'workTypeChanged', params: { before: nameOf(names.workTypes, before.work_type_id), after: workType } });
  }
  if (before.comment !== after.comment) lines.push({ key: 'commentChanged', params: { before: str(before.comment), after: str(after.comment) } });
  return lines;
}

function attendanceLines(before: Row | null, after: Row | null, names: Names): ChangeLine[] {
  const row = after ?? before!;
  const student = nameOf(names.students, row.student_id);
  const lines: ChangeLine[] = [];
  const was = before ? attendanceOf(before) : EMPTY;
  const now = after ? attendanceOf(after) : EMPTY;
  if (was !== now) lines.push({ key: 'attendance', params: { student, before: was, after: now } });
  if ((before?.reason ?? '') !== (after?.reason ?? '')) {
    lines.push({ key: 'attendanceReason', params: { student, before: str(before?.reason), after: str(after?.reason) } });
  }
  if (!before?.confirmed_at && after?.confirmed_at) lines.push({ key: 'attendanceConfirmed', params: { student } });
  return lines;
}

const LESSON_FIELDS: Record<string, string> = {
  topic: 'topic', notes: 'notes', status: 'lessonStatus', date: 'lessonDate', lesson_number: 'lessonNumber',
  substitute_staff_id: 'substitute', status_reason: 'statusReason',
};

function lessonLines(before: Row | null, after: Row | null): ChangeLine[] {
  if (!before) return [{ key: 'lessonNew', params: { date: formatDate(str(after!.date)), topic: str(after!.topic) } }];
  if (!after) return [{ key: 'lessonRemoved', params: {} }];
  const lines: ChangeLine[] = [];
  for (const [column, key] of Object.entries(LESSON_FIELDS)) {
    if (JSON.stringify(before[column]) !== JSON.stringify(after[column])) {
      const show = (v: unknown) => (column === 'date' && typeof v === 'string' ? formatDate(v) : column === 'substitute_staff_id' ? (v ? '✓' : EMPTY) : str(v));
      lines.push({ key, params: { before: show(before[column]), after: show(after[column]) } });
    }
  }
  return lines;
}

function homeworkLines(before: Row | null, after: Row | null): ChangeLine[] {
  const row = after ?? before!;
  const params = { text: str(row.text), pages: str(row.pages), tasks: str(row.tasks), due: formatDate(str(row.due_date)) };
  if (!before) return [{ key: 'homeworkNew', params }];
  if (!after) return [{ key: 'homeworkRemoved', params }];
  if (before.text !== after.text) return [{ key: 'homeworkText', params: { before: str(before.text), after: str(after.text) } }];
  return [{ key: 'homeworkChanged', params }];
}

function genericLines(before: Row | null, after: Row | null): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
    .filter((k) => !['school_id', 'id', 'version', 'created_at', 'updated_at'].includes(k))
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null));
  return keys.map((field) => ({ key: 'field', params: { field, before: str(before?.[field]), after: str(after?.[field]) } }));
}

/** What happened, in lines to translate. */
export function describeChange(entry: Pick<AuditEntry, 'entity' | 'operation' | 'before' | 'after'>, names: Names = {}, timeZone?: string): ChangeLine[] {
  const { before, after } = entry;
  if (entry.operation === 'bulk') return [{ key: 'bulk', params: { entity: entry.entity } }];
  switch (entry.entity) {
    case 'marks': return markLines(before, after, names);
    case 'attendance': return attendanceLines(before, after, names);
    case 'attendance_takings': return after ? [{ key: 'attendanceTaken', params: {} }] : genericLines(before, after);
    case 'lessons': return lessonLines(before, after);
    case 'homework': return homeworkLines(before, after);
    case 'period_closures': {
      const row = after ?? before!;
      return [{ key: after ? 'periodClosed' : 'periodClosureRemoved', params: { period: nameOf(names.periods, row.period_id) } }];
    }
    case 'period_reopenings': {
      const row = after ?? before!;
      return [{
        key: 'periodReopened',
        params: {
          period: nameOf(names.periods, row.period_id),
          group: nameOf(names.groups, row.group_id) || EMPTY,
          subject: nameOf(names.subjects, row.subject_id) || '',
          from: formatDate(str(row.from_date)),
          to: formatDate(str(row.to_date)),
          until: typeof row.expires_at === 'string' ? formatInstant(row.expires_at, timeZone) : EMPTY,
        },
      }];
    }
    case 'control_remarks': return after ? [{ key: 'remark', params: { text: str(after.body) } }] : genericLines(before, after);
    case 'class_data_checks': return after ? [{ key: 'dataChecked', params: { date: formatDate(str(after.checked_on)) } }] : genericLines(before, after);
    case 'period_marks': {
      const params = { student: nameOf(names.students, (after ?? before)?.student_id), before: before ? str(before.value) : EMPTY, after: after ? str(after.value) : EMPTY };
      return [{ key: 'periodMark', params }];
    }
    default: return genericLines(before, after);
  }
}

/** The ids of students an entry names, to fetch their names. */
export const studentIdOf = (entry: Pick<AuditEntry, 'before' | 'after'>): string | null => {
  const id = (entry.after ?? entry.before)?.student_id;
  return typeof id === 'string' ? id : null;
};

/** The lesson an entry belongs to (marks, attendance, homework, the lesson itself). */
export function lessonIdOf(entry: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>): string | null {
  if (entry.entity === 'lessons') return entry.entityId;
  const id = (entry.after ?? entry.before)?.lesson_id;
  return typeof id === 'string' ? id : null;
}
