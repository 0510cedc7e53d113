import type { Homework, HomeworkCreate, HomeworkUpdate, LessonSave } from '../../../shared/contract/homework.ts';
import type { Lesson, LessonUpdate, PlannedTopic } from '../../../shared/contract/timetable.ts';

/** The lesson form: what the teacher writes about the lesson itself. */
export type LessonFormValues = { topic: string; plannedTopicId: string | null; notes: string; workTypeIds: string[] };

export const lessonFormOf = (l: Pick<Lesson, 'topic' | 'plannedTopicId' | 'notes' | 'workTypeIds'>): LessonFormValues =>
  ({ topic: l.topic, plannedTopicId: l.plannedTopicId, notes: l.notes, workTypeIds: [...l.workTypeIds] });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Only the fields the teacher changed, with the version he saw; null when nothing changed. */
export function lessonPatch(lesson: Pick<Lesson, 'version' | 'topic' | 'plannedTopicId' | 'notes' | 'workTypeIds'>, form: LessonFormValues): LessonUpdate | null {
  const patch: LessonUpdate = { version: lesson.version };
  if (form.topic.trim() !== lesson.topic) patch.topic = form.topic.trim();
  if (form.plannedTopicId !== lesson.plannedTopicId) patch.plannedTopicId = form.plannedTopicId;
  if (form.notes.trim() !== lesson.notes) patch.notes = form.notes.trim();
  if (!sameSet(form.workTypeIds, lesson.workTypeIds)) patch.workTypeIds = form.workTypeIds;
  return Object.keys(patch).length > 1 ? patch : null;
}

/**
 * The КТП topic to offer for this lesson: the one it already took, else the first topic the plan's
 * lessons have not yet covered (a topic of N hours takes N lessons); null without a plan or when all are covered.
 */
export function plannedTopicFor(plan: readonly PlannedTopic[], lesson: Pick<Lesson, 'plannedTopicId'>): PlannedTopic | null {
  if (lesson.plannedTopicId) return plan.find((t) => t.id === lesson.plannedTopicId) ?? null;
  return [...plan].sort((a, b) => a.ordinal - b.ordinal).find((t) => t.lessonsCount < t.hours) ?? null;
}

/** The homework form, every field as typed. */
export type HomeworkFormValues = {
  text: string;
  pages: string;
  tasks: string;
  /** Minutes as typed; empty = not said. */
  expectedMinutes: string;
  /** Empty = the server's default (the group's next lesson of the subject). */
  dueLessonId: string;
  individual: boolean;
  studentIds: string[];
};

export const homeworkFormOf = (hw: Homework | null, defaultDueLessonId = ''): HomeworkFormValues => ({
  text: hw?.text ?? '',
  pages: hw?.pages ?? '',
  tasks: hw?.tasks ?? '',
  expectedMinutes: hw?.expectedMinutes == null ? '' : String(hw.expectedMinutes),
  dueLessonId: hw?.dueLessonId ?? defaultDueLessonId,
  individual: hw?.individual ?? false,
  studentIds: hw ? [...hw.studentIds] : [],
});

/** Minutes as the API takes them: null when empty; what is not a whole number goes as typed for the server to refuse by field. */
const minutesOf = (typed: string): number | null => {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  return Number(trimmed.replace(',', '.'));
};

/** A new homework's body. */
export function homeworkBody(form: HomeworkFormValues): HomeworkCreate {
  return {
    text: form.text.trim(),
    pages: form.pages.trim(),
    tasks: form.tasks.trim(),
    expectedMinutes: minutesOf(form.expectedMinutes),
    ...(form.dueLessonId ? { dueLessonId: form.dueLessonId } : {}),
    studentIds: form.individual ? form.studentIds : [],
  };
}

/** The changed fields of a homework, with the version the teacher saw; null when nothing changed. */
export function homeworkPatch(hw: Homework, form: HomeworkFormValues): HomeworkUpdate | null {
  const body = homeworkBody(form);
  const patch: HomeworkUpdate = { version: hw.version };
  if (body.text !== hw.text) patch.text = body.text;
  if (body.pages !== hw.pages) patch.pages = body.pages;
  if (body.tasks !== hw.tasks) patch.tasks = body.tasks;
  if (body.expectedMinutes !== hw.expectedMinutes) patch.expectedMinutes = body.expectedMinutes ?? null;
  if (body.dueLessonId && body.dueLessonId !== hw.dueLessonId) patch.dueLessonId = body.dueLessonId;
  if (!sameSet(body.studentIds, hw.studentIds)) patch.studentIds = body.studentIds;
  return Object.keys(patch).length > 1 ? patch : null;
}

/**
 * Field messages of a refusal, keyed by the form's field: `studentIds.2` belongs to the student
 * list, so its message shows there (the first one wins).
 */
export function formFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.split('.')[0]!;
    out[field] ??= message;
  }
  return out;
}

/** The homework part of the lesson page: a new one, one being changed, or none open. */
export type HomeworkEditing = { kind: 'new'; defaultDueLessonId: string } | { kind: 'edit'; homework: Homework } | null;

/** What the page holds unsaved beside the lesson's fields: the homework form, files to add and files to remove. */
export type HomeworkDraft = { editing: HomeworkEditing; form: HomeworkFormValues; files: readonly unknown[]; removeIds: readonly string[] };

/** A new homework's form as it was opened: nothing typed, the default due lesson. */
const untouched = (form: HomeworkFormValues, defaultDueLessonId: string) => {
  const blank = homeworkFormOf(null, defaultDueLessonId);
  return form.text.trim() === '' && form.pages.trim() === '' && form.tasks.trim() === '' && form.expectedMinutes.trim() === ''
    && form.dueLessonId === blank.dueLessonId && !form.individual;
};

/**
 * The body of the page's one «Сохранить»: the lesson's changed fields, the homework (new or
 * changed) and the files removed; null when nothing differs from what the server has.
 * A new homework counts once anything is typed in it or a file is attached to it.
 */
export function lessonSaveOf(lesson: Parameters<typeof lessonPatch>[0], form: LessonFormValues, draft: HomeworkDraft): LessonSave | null {
  const body: LessonSave = {};
  const patch = lessonPatch(lesson, form);
  if (patch) body.lesson = patch;
  const { editing } = draft;
  if (editing?.kind === 'new' && (!untouched(draft.form, editing.defaultDueLessonId) || draft.files.length > 0)) {
    body.homework = { kind: 'create', ...homeworkBody(draft.form) };
  }
  if (editing?.kind === 'edit') {
    const changed = homeworkPatch(editing.homework, draft.form);
    if (changed || draft.files.length > 0 || draft.removeIds.length > 0) {
      body.homework = { kind: 'update', id: editing.homework.id, ...(changed ?? { version: editing.homework.version }) };
    }
    if (draft.removeIds.length > 0) body.removeAttachmentIds = [...draft.removeIds];
  }
  return Object.keys(body).length > 0 ? body : null;
}

/**
 * The save's field messages by the form's field: `lesson.topic` → `topic`, `homework.studentIds.2`
 * → `studentIds`, `file.1` → `file` (the first one wins).
 */
export function saveFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const parts = path.split('.');
    const field = (parts[0] === 'lesson' || parts[0] === 'homework') && parts.length > 1 ? parts[1]! : parts[0]!;
    out[field] ??= message;
  }
  return out;
}
