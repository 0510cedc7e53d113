import { Alert, Group, NativeSelect, NumberInput, Text, TextInput } from '@mantine/core';
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodClosure } from '../../../shared/contract/grading.ts';
import type { Journal } from '../../../shared/contract/journal.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { takeAttendance } from './api.ts';
import { buildRows, cellOf, debtCells, debtEligible, markOfWorkType, markToRemove, reviewMarks, takenLessons } from './gridModel.ts';
import { cellKey, type Entry, type Pos } from './gridKeys.ts';
import type { CellState } from './gridStore.ts';
import { JournalGrid } from './JournalGrid.tsx';
import { newMarkId, type Op, pendingCells } from './offlineQueue.ts';
import { ddmm, lessonLabels, localToday, lockedLessonIds, noLessonBegun, writableLessonIds } from './periods.ts';
import { useGridSync } from './useGridSync.ts';

/** Ids of edits, and of the mark a «keep mine» re-creates: UUIDs (crypto.randomUUID needs HTTPS, school LANs may not have it). */
const newId = newMarkId;

type Props = { userId: string; schoolId: string; journal: Journal; closure: PeriodClosure | undefined; myStaffIds: readonly string[] };

/** The editable page of one journal: toolbar, notices, the grid and its conflict dialog. */
export function GridEditor({ userId, schoolId, journal, closure, myStaffIds }: Props) {
  const { t } = useTranslation();
  const lessons = journal.lessons;
  const students = journal.students;
  const initialRows = useMemo(() => buildRows(journal), [journal]);
  const lessonIds = useMemo(() => new Set(lessons.map((l) => l.id)), [lessons]);
  const [state, dispatch] = useGridSync(userId, schoolId, journal.group.id, initialRows, lessonIds, t('errors.generic'));

  const locked = useMemo(() => lockedLessonIds(closure, lessons, journal.group.id, journal.subject.id), [closure, lessons, journal.group.id, journal.subject.id]);
  const today = localToday();
  const writable = useMemo(() => writableLessonIds(lessons, { canWrite: journal.canWrite, myStaffIds }, locked, today),
    [lessons, journal.canWrite, myStaffIds, locked, today]);
  const readOnly = writable.size === 0;
  const notBegun = noLessonBegun(lessons, today);

  const workTypes = useMemo(() => journal.workTypes.filter((w) => !w.archived), [journal.workTypes]);
  const workTypeNames = useMemo(() => new Map(journal.workTypes.map((w) => [w.id, w.name])), [journal.workTypes]);
  const [workTypeId, setWorkTypeId] = useState(workTypes[0]?.id ?? '');
  const workType = workTypes.find((w) => w.id === workTypeId);
  const [weight, setWeight] = useState<number | string>(workType?.weight ?? 1);
  const [comment, setComment] = useState('');

  const labels = useMemo(() => lessonLabels(lessons, (n) => t('journal.lessonN', { n })), [lessons, t]);
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [buffer, setBuffer] = useState<string | null>(null);

  // Cell states and debts per row as strings: a row whose string did not change is not re-rendered.
  const pending = useMemo(() => pendingCells(state.queue), [state.queue]);
  const rowStates = useMemo(() => {
    const byStudent: Record<string, string[]> = {};
    const put = (key: string, value: CellState) => {
      const [studentId, lessonId] = key.split('|') as [string, string];
      (byStudent[studentId] ??= []).push(`${lessonId}:${value}`);
    };
    for (const [key, value] of Object.entries(state.marked)) put(key, value);
    for (const key of pending) if (!(key in state.marked)) put(key, 'pending');
    return Object.fromEntries(Object.entries(byStudent).map(([s, list]) => [s, list.sort().join(' ')]));
  }, [pending, state.marked]);
  const eligible = useMemo(() => debtEligible(journal), [journal]);
  const rowDebts = useMemo(() => {
    const byStudent: Record<string, string[]> = {};
    for (const key of debtCells(lessons, state.rows, eligible, journal.workTypes, localToday())) {
      const [studentId, lessonId] = key.split('|') as [string, string];
      (byStudent[studentId] ??= []).push(lessonId);
    }
    return Object.fromEntries(Object.entries(byStudent).map(([s, list]) => [s, list.sort().join(' ')]));
  }, [lessons, state.rows, eligible, journal.workTypes]);

  // Seed 003, 4.4: a compromised login's changes under review, marked «?» in their cells and lessons.
  const review = useMemo(() => reviewMarks(journal.underReview), [journal.underReview]);

  // Handlers read the latest values through a ref, so the grid's callbacks never change identity.
  const latest = useRef({ state, active, buffer, workTypeId, weight, comment, writable });
  latest.current = { state, active, buffer, workTypeId, weight, comment, writable };

  const commit = useCallback((entry: Entry, at: Pos): boolean => {
    const { state: s, workTypeId: wt, weight: w, comment: note } = latest.current;
    const student = students[at.row];
    const lesson = lessons[at.col];
    if (!student || !lesson) return false;
    const cell = cellOf(s.rows, student.id, lesson.id);
    const base = { id: newId(), lessonId: lesson.id, studentId: student.id };
    let op: Op | null = null;
    if (entry.kind === 'invalid') {
      dispatch({ type: 'alert', message: t('journal.invalidEntry', { text: latest.current.buffer ?? '' }) });
      return false;
    }
    if (entry.kind === 'mark') {
      const weightValue = typeof w === 'number' ? w : Number(String(w).replace(',', '.'));
      if (!wt) {
        dispatch({ type: 'alert', message: t('journal.noWorkType') });
        return false;
      }
      if (!(weightValue > 0 && weightValue <= 10)) {
        dispatch({ type: 'alert', message: t('journal.badWeight') });
        return false;
      }
      const existing = entry.add ? undefined : markOfWorkType(cell, wt);
      if (existing) {
        const next = { value: entry.value, workTypeId: wt, weight: weightValue, comment: note.trim() || existing.comment };
        if (next.value === existing.value && next.weight === existing.weight && next.comment === existing.comment) return true;
        op = { ...base, kind: 'mark.update', markId: existing.id, version: existing.version, ...next };
      } else {
        op = { ...base, kind: 'mark.create', tempId: `tmp-${base.id}`, markId: newMarkId(), workTypeId: wt, weight: weightValue, scale: entry.scale, value: entry.value, comment: note.trim() };
      }
      setComment('');
    } else if (entry.kind === 'attendance') {
      if ((cell.attendance?.code ?? null) === entry.code) return true;
      if (entry.code === null && !cell.attendance) return true;
      op = { ...base, kind: 'attendance.put', code: entry.code, ...(cell.attendance?.version ? { version: cell.attendance.version } : {}) };
    } else if (entry.kind === 'delete') {
      const mark = markToRemove(cell, wt);
      if (mark) op = { ...base, kind: 'mark.delete', markId: mark.id, version: mark.version };
      else if (cell.attendance?.code) op = { ...base, kind: 'attendance.put', code: null, ...(cell.attendance.version ? { version: cell.attendance.version } : {}) };
    }
    if (op) dispatch({ type: 'enqueue', op });
    return true;
  }, [students, lessons, dispatch, t]);

  const onKey = useCallback((event: KeyboardEvent<HTMLElement>): boolean => {
    if (event.nativeEvent.isComposing) return false;
    const { active: at, buffer: typed, writable: open } = latest.current;
    const lesson = lessons[at.col];
    const cellReadOnly = !lesson || !open.has(lesson.id);
    const action = cellKey(event, typed, at, { rows: students.length, cols: lessons.length }, cellReadOnly);
    switch (action.type) {
      case 'ignore': return false;
      case 'edit':
        // Printable keys reach the input (Cyrillic layouts and phone keyboards send only `input`).
        if (event.key.length === 1) return false;
        event.preventDefault();
        setBuffer(action.buffer);
        return false;
      case 'cancel':
        event.preventDefault();
        setBuffer(null);
        return false;
      case 'move':
        event.preventDefault();
        setBuffer(null);
        setActive(action.to);
        return true;
      case 'commit': {
        event.preventDefault();
        const done = commit(action.entry, at);
        setBuffer(null);
        if (done && action.to) setActive(action.to);
        return done && action.to !== null;
      }
    }
  }, [lessons, students.length, commit]);

  const onActivate = useCallback((pos: Pos) => {
    const { buffer: typed, active: at } = latest.current;
    if (typed !== null && (pos.row !== at.row || pos.col !== at.col)) {
      // Clicking away with something typed saves it, as moving with a key does.
      const entry = cellKey({ key: 'Tab' }, typed, at, { rows: students.length, cols: lessons.length }, false);
      if (entry.type === 'commit') commit(entry.entry, at);
    }
    setBuffer(null);
    setActive(pos);
  }, [commit, students.length, lessons.length]);

  const onBuffer = useCallback((value: string) => setBuffer(value), []);

  // «Все присутствуют» (seed 003, 2.5): sent at once; a refusal shows as any refused edit.
  const [takenNow, setTakenNow] = useState<Record<string, string>>({});
  const [sendingAllPresent, setSendingAllPresent] = useState<string | null>(null);
  const taken = useMemo(() => takenLessons(lessons, state.rows, takenNow), [lessons, state.rows, takenNow]);
  const onAllPresent = useCallback((lessonId: string) => {
    setSendingAllPresent(lessonId);
    takeAttendance(schoolId, lessonId)
      .then((row) => setTakenNow((now) => ({ ...now, [lessonId]: row.takenAt })))
      .catch((error: unknown) => dispatch({ type: 'alert', message: error instanceof Error ? error.message : t('errors.generic') }))
      .finally(() => setSendingAllPresent(null));
  }, [schoolId, dispatch, t]);

  const onWorkType = (id: string) => {
    setWorkTypeId(id);
    const chosen = workTypes.find((w) => w.id === id);
    if (chosen) setWeight(chosen.weight);
  };

  const notWriter = !journal.canWrite && !lessons.some((l) => l.substituteStaffId !== null && myStaffIds.includes(l.substituteStaffId));
  const reopened = closure?.closed ? closure.reopenings.filter((r) => r.groupId === journal.group.id && (r.subjectId === null || r.subjectId === journal.subject.id)) : [];
  const conflict = state.conflicts[0];
  const waiting = state.queue.length;

  return (
    <>
      {readOnly ? (
        <Alert color="gray" variant="light" role="status">
          {notWriter ? t('journal.readOnlyNotTeacher') : closure?.closed ? t('journal.readOnlyClosed') : notBegun ? t('journal.notBegun') : t('journal.readOnly')}
        </Alert>
      ) : (
        <>
          <Group align="end" gap="sm" wrap="wrap" className="jg-toolbar">
            <NativeSelect label={t('journal.workType')} value={workTypeId} onChange={(e) => onWorkType(e.currentTarget.value)}
              data={workTypes.map((w) => ({ value: w.id, label: w.name }))} />
            <NumberInput label={t('journal.weight')} value={weight} onChange={setWeight} min={0.01} max={10} step={1} decimalScale={2}
              decimalSeparator="," w={90} />
            <TextInput label={t('journal.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={1000}
              description={t('journal.commentHint')} className="jg-comment" />
          </Group>
          <Text size="sm" c="dimmed">{t('journal.howTo')} {t('journal.allPresentHowTo')}</Text>
          {closure?.closed && reopened.length > 0 && (
            <Alert color="gray" variant="light" role="status">
              {t('journal.partlyOpen', { ranges: reopened.map((r) => `${ddmm(r.fromDate)}–${ddmm(r.toDate)}`).join(', ') })}
            </Alert>
          )}
        </>
      )}
      {state.offline && waiting > 0 && (
        <Alert color="orange" variant="light" role="status">{t('journal.offline', { count: waiting })}</Alert>
      )}
      {state.signedOut && waiting > 0 && (
        <Alert color="orange" variant="light" role="status">{t('auth.pendingSignedOut', { count: waiting })}</Alert>
      )}
      {state.alert && (
        <Alert color="red" variant="light" role="alert" title={t('journal.refused')}
          withCloseButton closeButtonLabel={t('journal.dismiss')} onClose={() => dispatch({ type: 'alert', message: null })}>
          {state.alert}
        </Alert>
      )}
      {review.lessons.size + Object.keys(review.rows).length > 0 && (
        <Alert color="violet" variant="light" role="status">{t('journal.underReviewNotice')}</Alert>
      )}
      {lessons.length === 0 ? (
        <Alert color="gray" variant="light" role="status">{t('journal.noLessons')}</Alert>
      ) : (
        <JournalGrid
          label={t('journal.gridLabel', { group: journal.group.name, period: journal.period.name })}
          caption={t('journal.caption', { group: journal.group.name, subject: journal.subject.name, period: journal.period.name })}
          students={students} lessons={lessons} rows={state.rows} rowStates={rowStates} rowDebts={rowDebts}
          rowReview={review.rows} reviewLessons={review.lessons} labels={labels}
          writable={writable} workTypeNames={workTypeNames} meanRules={journal.meanRules} active={active} buffer={buffer}
          taken={taken} onAllPresent={onAllPresent} sendingAllPresent={sendingAllPresent}
          onActivate={onActivate} onKey={onKey} onBuffer={onBuffer} />
      )}
      {conflict && (
        <ConflictDialog conflict={conflict} journal={journal} labels={labels}
          onResolve={(choice) => dispatch({ type: 'resolve', choice, newId: newId() })} />
      )}
    </>
  );
}
