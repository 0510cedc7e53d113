import { memo, type ChangeEvent, type KeyboardEvent, type MouseEvent, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Journal } from '../../../shared/contract/journal.ts';
import { ATTENDANCE_LETTERS } from '../../../shared/domain/attendance.ts';
import { type CellData, EMPTY_CELL, formatMean, isLowMark, markText, type MeanRules, rowMean } from './gridModel.ts';
import { DELETE, type Pos } from './gridKeys.ts';
import type { CellState } from './gridStore.ts';
import { ddmm } from './periods.ts';

type Lesson = Journal['lessons'][number];
type Student = Journal['students'][number];
type Row = Readonly<Record<string, CellData>> | undefined;

export type GridProps = {
  label: string;
  caption: string;
  students: readonly Student[];
  lessons: readonly Lesson[];
  rows: Readonly<Record<string, Row>>;
  /** Per student: `lessonId:state` pairs of cells not simply saved (a string keeps unchanged rows memoised). */
  rowStates: Readonly<Record<string, string>>;
  /** Per student: the lessons where the student has a debt, joined by spaces. */
  rowDebts: Readonly<Record<string, string>>;
  /** Per student: the lessons where the student's cell has a change under review (seed 003, 4.4), joined by spaces. */
  rowReview: Readonly<Record<string, string>>;
  /** Lessons whose topic, homework or attendance taken has a change under review. */
  reviewLessons: ReadonlySet<string>;
  /** Per lesson id: «08.09» or «08.09, 2 урок». */
  labels: ReadonlyMap<string, string>;
  writable: ReadonlySet<string>;
  workTypeNames: ReadonlyMap<string, string>;
  /** The school's grading policy for the mean column. */
  meanRules: MeanRules;
  /** Lessons whose attendance was taken (seed 003, 2.5), with when if known. */
  taken: ReadonlyMap<string, string | null>;
  /** «Все присутствуют» for a writable lesson not taken yet; the lesson being sent, if any. */
  onAllPresent(lessonId: string): void;
  sendingAllPresent: string | null;
  active: Pos;
  buffer: string | null;
  onActivate(pos: Pos): void;
  /** Handles a key in the grid; true when the active cell moved. */
  onKey(event: KeyboardEvent<HTMLElement>): boolean;
  onBuffer(buffer: string): void;
};

/**
 * The journal grid (grid contract): students × lessons, sticky names and dates, the weighted mean.
 * Rows and cells are memoised: a keystroke re-renders the active row only.
 */
export function JournalGrid(props: GridProps) {
  const { t } = useTranslation();
  const tableRef = useRef<HTMLTableElement>(null);
  const { active, onActivate } = props;

  // Focus follows the active cell (its input when it takes typing, else the cell) after a click or
  // a key in the grid; the old cell's input is gone by then, so focus cannot be asked of the DOM.
  const wantFocus = useRef(false);
  useEffect(() => {
    const table = tableRef.current;
    if (!table || !wantFocus.current) return;
    wantFocus.current = false;
    const target = table.querySelector<HTMLElement>('[data-active="true"] input') ?? table.querySelector<HTMLElement>('[data-active="true"]');
    if (target && document.activeElement !== target) target.focus();
  });

  const onClick = useCallback((event: MouseEvent<HTMLTableElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('td[data-c]');
    if (!cell || cell.dataset.active) return;
    wantFocus.current = true;
    onActivate({ row: Number(cell.dataset.r), col: Number(cell.dataset.c) });
  }, [onActivate]);

  const { onKey } = props;
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLElement>) => {
    if (onKey(event)) wantFocus.current = true;
  }, [onKey]);

  return (
    <div className="jg-box">
      <table ref={tableRef} role="grid" aria-label={props.label} className="jg-table" onClick={onClick} onKeyDown={onKeyDown}>
        <caption className="jg-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="jg-name jg-corner">{t('journal.student')}</th>
            {props.lessons.map((l) => (
              <th key={l.id} scope="col" className={['jg-date', l.status === 'cancelled' ? 'jg-cancelled' : '', props.reviewLessons.has(l.id) ? 'jg-review-date' : ''].filter(Boolean).join(' ')}
                title={[props.labels.get(l.id), l.topic, l.status === 'cancelled' ? t('journal.cancelled') : '',
                  props.reviewLessons.has(l.id) ? t('journal.underReview') : ''].filter(Boolean).join(' — ')}>
                {ddmm(l.date)}
                {props.reviewLessons.has(l.id) && (
                  <span className="jg-review-head" role="img" aria-label={t('journal.underReviewOf', { lesson: props.labels.get(l.id) ?? ddmm(l.date) })}
                    title={t('journal.underReview')}>?</span>
                )}
                {props.labels.get(l.id) !== ddmm(l.date) && <span className="jg-nth">{l.lessonNumber}</span>}
                <AttendanceTaken lesson={l} label={props.labels.get(l.id) ?? ddmm(l.date)} taken={props.taken}
                  writable={props.writable.has(l.id)} sending={props.sendingAllPresent === l.id} onAllPresent={props.onAllPresent} />
              </th>
            ))}
            <th scope="col" className="jg-mean">{t('journal.mean')}</th>
          </tr>
        </thead>
        <tbody>
          {props.students.map((s, r) => (
            <GridRow key={s.id} index={r} student={s} lessons={props.lessons} row={props.rows[s.id]} states={props.rowStates[s.id] ?? ''}
              debts={props.rowDebts[s.id] ?? ''} review={props.rowReview[s.id] ?? ''} labels={props.labels} writable={props.writable} workTypeNames={props.workTypeNames} meanRules={props.meanRules}
              activeCol={active.row === r ? active.col : null} buffer={active.row === r ? props.buffer : null} onBuffer={props.onBuffer} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Under a lesson's date: ✓ when its attendance was taken, else «все» (all present) where the teacher may write. */
function AttendanceTaken(p: {
  lesson: Lesson; label: string; taken: ReadonlyMap<string, string | null>; writable: boolean; sending: boolean; onAllPresent(lessonId: string): void;
}) {
  const { t } = useTranslation();
  if (p.taken.has(p.lesson.id)) {
    const at = p.taken.get(p.lesson.id);
    const text = at ? t('journal.takenAt', { lesson: p.label, at: takenTime(at) }) : t('journal.taken', { lesson: p.label });
    return <span className="jg-taken" role="img" aria-label={text} title={text}>✓</span>;
  }
  if (!p.writable || p.lesson.status === 'cancelled') return null;
  return (
    <button type="button" className="jg-all-present" disabled={p.sending} aria-label={t('journal.allPresentOf', { lesson: p.label })}
      title={t('journal.allPresentHint')} onClick={() => p.onAllPresent(p.lesson.id)}
      // Keys on the button are the button's, not the grid's.
      onKeyDown={(event) => event.stopPropagation()}>
      {t('journal.allPresentShort')}
    </button>
  );
}

/** «08.09 10:15» in the browser's time zone (the school's, in school). */
const takenTime = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)} ${two(d.getHours())}:${two(d.getMinutes())}`;
};

type RowProps = {
  index: number;
  student: Student;
  lessons: readonly Lesson[];
  row: Row;
  states: string;
  debts: string;
  review: string;
  labels: ReadonlyMap<string, string>;
  writable: ReadonlySet<string>;
  workTypeNames: ReadonlyMap<string, string>;
  meanRules: MeanRules;
  activeCol: number | null;
  buffer: string | null;
  onBuffer(buffer: string): void;
};

const GridRow = memo(function GridRow(p: RowProps) {
  const states = new Map(p.states.split(' ').filter(Boolean).map((pair) => pair.split(':') as [string, CellState]));
  const debts = new Set(p.debts.split(' '));
  const review = new Set(p.review.split(' '));
  return (
    <tr>
      <th scope="row" className="jg-name" title={p.student.name}>{p.student.shortName}</th>
      {p.lessons.map((l, c) => (
        <GridCell key={l.id} r={p.index} c={c} cell={p.row?.[l.id] ?? EMPTY_CELL} state={states.get(l.id) ?? 'saved'} debt={debts.has(l.id)} review={review.has(l.id)}
          label={`${p.student.shortName}, ${p.labels.get(l.id) ?? ''}`} writable={p.writable.has(l.id)} workTypeNames={p.workTypeNames}
          active={p.activeCol === c} buffer={p.activeCol === c ? p.buffer : null} onBuffer={p.onBuffer} />
      ))}
      <td className="jg-mean">{formatMean(rowMean(p.row, p.meanRules))}</td>
    </tr>
  );
});

type CellProps = {
  r: number;
  c: number;
  cell: CellData;
  state: CellState;
  debt: boolean;
  /** A compromised login's change of this cell is under review (seed 003, 4.4): the cell shows the value from before it. */
  review: boolean;
  label: string;
  writable: boolean;
  workTypeNames: ReadonlyMap<string, string>;
  active: boolean;
  buffer: string | null;
  onBuffer(buffer: string): void;
};

const GridCell = memo(function GridCell(p: CellProps) {
  const { t } = useTranslation();
  const { cell } = p;
  const markTitle = (m: CellData['marks'][number]) =>
    `${markText(m)} — ${p.workTypeNames.get(m.workTypeId) ?? ''}, ${t('journal.weightShort', { weight: String(m.weight).replace('.', ',') })}${m.comment ? `: ${m.comment}` : ''}`;
  const title = [
    ...cell.marks.map(markTitle),
    cell.attendance?.code ? t(`journal.attendance.${cell.attendance.code}`) : '',
    p.debt ? t('journal.debt') : '',
    p.review ? t('journal.underReview') : '',
    p.state === 'saved' ? '' : t(`journal.state.${p.state}`),
  ].filter(Boolean).join('\n');
  const onChange = (event: ChangeEvent<HTMLInputElement>) => p.onBuffer(event.currentTarget.value.replaceAll(DELETE, ''));
  const classes = ['jg-cell', p.debt ? 'jg-debt' : '', p.review ? 'jg-review' : '', p.writable ? '' : 'jg-locked', p.buffer ? 'jg-editing' : ''].filter(Boolean).join(' ');
  return (
    <td role="gridcell" aria-label={p.label} aria-readonly={p.writable ? undefined : true} title={title || undefined}
      data-state={p.state} data-r={p.r} data-c={p.c} data-active={p.active || undefined}
      tabIndex={p.active && !p.writable ? 0 : -1} className={classes}>
      {cell.attendance?.code && <span className="jg-att">{ATTENDANCE_LETTERS[cell.attendance.code]}</span>}
      {cell.marks.map((m) => (
        <span key={m.id} className={isLowMark(m) ? 'jg-mark jg-low' : 'jg-mark'} title={markTitle(m)}>
          {markText(m)}
          {m.weight !== 1 && <sub className="jg-weight">{String(m.weight).replace('.', ',')}</sub>}
        </span>
      ))}
      {p.debt && <span className="jg-debt-mark" aria-hidden="true">!</span>}
      {p.review && <span className="jg-review-mark" aria-hidden="true">?</span>}
      {p.active && p.writable && (
        <input className="jg-input" aria-label={p.label} autoComplete="off" spellCheck={false} enterKeyHint="done"
          value={p.buffer === DELETE ? DELETE : (p.buffer ?? '')} onChange={onChange} />
      )}
    </td>
  );
});
