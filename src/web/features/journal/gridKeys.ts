/**
 * The journal grid's keyboard (grid contract): arrows and Tab move, digits and н/б/у/оп are typed
 * into the focused cell, Enter saves, Delete/Backspace then Enter removes, Escape cancels.
 * Pure: no DOM, so every rule has a unit test.
 */
import type { AttendanceCode } from '../../../shared/contract/enums.ts';
import { ATTENDANCE_OF_LETTER } from '../../../shared/domain/attendance.ts';

export type Pos = { row: number; col: number };
export type Dims = { rows: number; cols: number };

/** The buffer value that means «remove» (Delete or Backspace on an untouched cell). */
export const DELETE = '\u232B';

export type Entry =
  | { kind: 'mark'; value: string; scale: 'five' | 'passFail'; add: boolean }
  | { kind: 'attendance'; code: AttendanceCode | null }
  | { kind: 'delete' }
  | { kind: 'none' }
  | { kind: 'invalid' };

// The same keys typed with the Latin layout on (ЙЦУКЕН positions): y→н, ,→б, e→у, jg→оп.
const LATIN_LAYOUT: Record<string, string> = { y: 'н', ',': 'б', e: 'у', jg: 'оп' };
const PASS = new Set(['з', 'зач', 'зачёт', 'зачет']);
const FAIL = new Set(['нз', 'незач', 'незачёт', 'незачет']);

/** What the typed text means when Enter is pressed. */
export function parseEntry(buffer: string | null): Entry {
  if (buffer === null) return { kind: 'none' };
  if (buffer === DELETE) return { kind: 'delete' };
  let text = buffer.trim().toLowerCase();
  if (text === '') return { kind: 'none' };
  text = LATIN_LAYOUT[text] ?? text;
  if (text === '-' || text === '—') return { kind: 'attendance', code: null };
  const code = ATTENDANCE_OF_LETTER[text];
  if (code) return { kind: 'attendance', code };
  const add = text.startsWith('+');
  const body = add ? text.slice(1) : text;
  if (/^[1-5]$/.test(body)) return { kind: 'mark', value: body, scale: 'five', add };
  if (PASS.has(body)) return { kind: 'mark', value: 'pass', scale: 'passFail', add };
  if (FAIL.has(body)) return { kind: 'mark', value: 'fail', scale: 'passFail', add };
  return { kind: 'invalid' };
}

export type KeyInput = { key: string; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean };

export type KeyAction =
  | { type: 'move'; to: Pos }
  /** The cell's typed text changed (null: not editing). */
  | { type: 'edit'; buffer: string }
  /** Save what was typed, then move focus (or stay when `to` is null). */
  | { type: 'commit'; entry: Entry; to: Pos | null }
  | { type: 'cancel' }
  | { type: 'ignore' };

const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));

/** Where a navigation key leads; null for keys that do not move. */
export function moveFocus(pos: Pos, input: KeyInput, dims: Dims): Pos | null {
  switch (input.key) {
    case 'ArrowUp': return { row: clamp(pos.row - 1, dims.rows), col: pos.col };
    case 'ArrowDown': return { row: clamp(pos.row + 1, dims.rows), col: pos.col };
    case 'ArrowLeft': return { row: pos.row, col: clamp(pos.col - 1, dims.cols) };
    case 'ArrowRight': return { row: pos.row, col: clamp(pos.col + 1, dims.cols) };
    case 'Home': return { row: input.ctrlKey ? 0 : pos.row, col: 0 };
    case 'End': return { row: input.ctrlKey ? dims.rows - 1 : pos.row, col: dims.cols - 1 };
    case 'Tab': {
      // Tab runs along the row and wraps to the next (Shift+Tab: back); at the grid's ends focus leaves it.
      const index = pos.row * dims.cols + pos.col + (input.shiftKey ? -1 : 1);
      if (index < 0 || index >= dims.rows * dims.cols) return null;
      return { row: Math.floor(index / dims.cols), col: index % dims.cols };
    }
    default: return null;
  }
}

const isPrintable = (input: KeyInput) => input.key.length === 1 && !input.ctrlKey && !input.metaKey && !input.altKey;
const MAX_BUFFER = 8;

/**
 * One key on the focused cell. `buffer` is what was typed so far (null when not editing).
 * A read-only grid only moves.
 */
export function cellKey(input: KeyInput, buffer: string | null, pos: Pos, dims: Dims, readOnly: boolean): KeyAction {
  const editing = buffer !== null;
  if (!readOnly) {
    if (input.key === 'Escape') return editing ? { type: 'cancel' } : { type: 'ignore' };
    if (input.key === 'Enter') {
      if (!editing) return { type: 'ignore' };
      return { type: 'commit', entry: parseEntry(buffer), to: { row: clamp(pos.row + 1, dims.rows), col: pos.col } };
    }
    if (input.key === 'Delete') return { type: 'edit', buffer: DELETE };
    if (input.key === 'Backspace') {
      if (!editing || buffer === DELETE || buffer.length <= 1) return { type: 'edit', buffer: editing && buffer !== DELETE ? '' : DELETE };
      return { type: 'edit', buffer: buffer.slice(0, -1) };
    }
    if (isPrintable(input) && input.key !== ' ') {
      const base = editing && buffer !== DELETE ? buffer : '';
      return { type: 'edit', buffer: (base + input.key).slice(0, MAX_BUFFER) };
    }
  }
  const to = moveFocus(pos, input, dims);
  if (to === null) return { type: 'ignore' };
  // Moving away with something typed saves it first, as a spreadsheet does; an empty edit is dropped.
  if (editing && !readOnly) {
    const entry = parseEntry(buffer);
    return entry.kind === 'none' ? { type: 'move', to } : { type: 'commit', entry, to };
  }
  return { type: 'move', to };
}
