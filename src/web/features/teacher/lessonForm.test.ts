import { describe, expect, it } from 'vitest';
import type { Homework } from '../../../shared/contract/homework.ts';
import type { PlannedTopic } from '../../../shared/contract/timetable.ts';
import {
  formFieldErrors, homeworkBody, homeworkFormOf, homeworkPatch, lessonFormOf, lessonPatch, lessonSaveOf, plannedTopicFor, saveFieldErrors,
} from './lessonForm.ts';

const lesson = { version: 3, topic: 'Дроби', plannedTopicId: null, notes: '', workTypeIds: ['a', 'b'] };
const topic = (ordinal: number, hours: number, lessonsCount: number): PlannedTopic =>
  ({ id: `t${ordinal}`, groupId: 'g', subjectId: 's', ordinal, title: `Тема ${ordinal}`, hours, lessonsCount });
const homework: Homework = {
  id: 'h', schoolId: 's', lessonId: 'l', groupId: 'g', subjectId: 's', lessonDate: '2025-09-10', dueLessonId: 'next', dueDate: '2025-09-12',
  text: 'Упражнения', pages: 'с. 10', tasks: '№ 1', expectedMinutes: 20, individual: false, studentIds: [], attachments: [], version: 2,
  authorUserId: null, createdAt: '', updatedAt: '',
};

describe('the lesson form', () => {
  it('sends only what changed, with the version seen, and nothing when nothing changed', () => {
    expect(lessonPatch(lesson, lessonFormOf(lesson))).toBeNull();
    expect(lessonPatch(lesson, { ...lessonFormOf(lesson), workTypeIds: ['b', 'a'] })).toBeNull();
    expect(lessonPatch(lesson, { ...lessonFormOf(lesson), topic: '  Проценты ', workTypeIds: ['a'] }))
      .toEqual({ version: 3, topic: 'Проценты', workTypeIds: ['a'] });
    expect(lessonPatch(lesson, { ...lessonFormOf(lesson), plannedTopicId: 't1', notes: 'Повторить' }))
      .toEqual({ version: 3, plannedTopicId: 't1', notes: 'Повторить' });
  });

  it('offers the lesson\'s own КТП topic, else the first one its hours do not yet cover', () => {
    const plan = [topic(2, 2, 1), topic(1, 1, 1), topic(3, 1, 0)];
    expect(plannedTopicFor(plan, { plannedTopicId: null })?.id).toBe('t2');
    expect(plannedTopicFor(plan, { plannedTopicId: 't3' })?.id).toBe('t3');
    expect(plannedTopicFor([topic(1, 1, 1)], { plannedTopicId: null })).toBeNull();
    expect(plannedTopicFor([], { plannedTopicId: null })).toBeNull();
  });
});

describe('the homework form', () => {
  it('builds a new homework: trimmed text, minutes as a number or null, chosen students only when individual', () => {
    const form = { ...homeworkFormOf(null, 'next'), text: ' Читать ', pages: ' с. 45–47 ', expectedMinutes: '30', studentIds: ['x'] };
    expect(homeworkBody(form)).toEqual({ text: 'Читать', pages: 'с. 45–47', tasks: '', expectedMinutes: 30, dueLessonId: 'next', studentIds: [] });
    expect(homeworkBody({ ...form, individual: true, expectedMinutes: '', dueLessonId: '' }))
      .toEqual({ text: 'Читать', pages: 'с. 45–47', tasks: '', expectedMinutes: null, studentIds: ['x'] });
    // Not a whole number: sent as typed, for the server to refuse on its field.
    expect(homeworkBody({ ...form, expectedMinutes: '12,5' }).expectedMinutes).toBe(12.5);
  });

  it('changes only what the teacher changed', () => {
    expect(homeworkPatch(homework, homeworkFormOf(homework))).toBeNull();
    expect(homeworkPatch(homework, { ...homeworkFormOf(homework), expectedMinutes: '', individual: true, studentIds: ['x'] }))
      .toEqual({ version: 2, expectedMinutes: null, studentIds: ['x'] });
  });

  it('puts each field message of a refusal on its field, the student list\'s on the list', () => {
    expect(formFieldErrors({ text: 'Не может быть пустым', 'studentIds.1': 'Не в группе', 'studentIds.0': 'Другое' }))
      .toEqual({ text: 'Не может быть пустым', studentIds: 'Не в группе' });
  });
});

describe('the lesson page\'s one save', () => {
  const blank = (due = 'next') => ({ editing: { kind: 'new' as const, defaultDueLessonId: due }, form: homeworkFormOf(null, due), files: [], removeIds: [] });

  it('is nothing while nothing is typed, the lesson\'s change alone when only the topic is', () => {
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), blank())).toBeNull();
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), { editing: null, form: homeworkFormOf(null), files: [], removeIds: [] })).toBeNull();
    expect(lessonSaveOf(lesson, { ...lessonFormOf(lesson), topic: 'Проценты' }, blank())).toEqual({ lesson: { version: 3, topic: 'Проценты' } });
  });

  it('takes a new homework once something is typed or a file attached, with the lesson\'s change in the same body', () => {
    const typed = { ...blank(), form: { ...homeworkFormOf(null, 'next'), text: ' № 5 ' } };
    expect(lessonSaveOf(lesson, { ...lessonFormOf(lesson), notes: 'x' }, typed)).toEqual({
      lesson: { version: 3, notes: 'x' },
      homework: { kind: 'create', text: '№ 5', pages: '', tasks: '', expectedMinutes: null, dueLessonId: 'next', studentIds: [] },
    });
    // A file alone: the homework is sent (the server asks for its text).
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), { ...blank(), files: [{}] })?.homework).toMatchObject({ kind: 'create', text: '' });
  });

  it('changes a homework with its version, or names it with the version alone when only files change', () => {
    const editing = { kind: 'edit' as const, homework };
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), { editing, form: homeworkFormOf(homework), files: [], removeIds: [] })).toBeNull();
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), { editing, form: { ...homeworkFormOf(homework), tasks: '№ 2' }, files: [], removeIds: [] }))
      .toEqual({ homework: { kind: 'update', id: 'h', version: 2, tasks: '№ 2' } });
    expect(lessonSaveOf(lesson, lessonFormOf(lesson), { editing, form: homeworkFormOf(homework), files: [], removeIds: ['f1'] }))
      .toEqual({ homework: { kind: 'update', id: 'h', version: 2 }, removeAttachmentIds: ['f1'] });
  });

  it('shows the server\'s field messages on the form\'s fields', () => {
    expect(saveFieldErrors({ 'lesson.topic': 'длинно', 'homework.studentIds.2': 'не в группе', 'file.1': 'тип', dueLessonId: 'позже', 'homework.text': 'пусто' }))
      .toEqual({ topic: 'длинно', studentIds: 'не в группе', file: 'тип', dueLessonId: 'позже', text: 'пусто' });
  });
});
