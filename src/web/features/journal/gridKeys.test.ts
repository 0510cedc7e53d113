import { describe, expect, it } from 'vitest';
import { cellKey, DELETE, moveFocus, parseEntry } from './gridKeys.ts';

const dims = { rows: 3, cols: 4 };
const at = (row: number, col: number) => ({ row, col });

describe('parseEntry', () => {
  it('reads digits 1–5 as five-point marks and «+5» as an extra mark', () => {
    expect(parseEntry('5')).toEqual({ kind: 'mark', value: '5', scale: 'five', add: false });
    expect(parseEntry(' 2 ')).toEqual({ kind: 'mark', value: '2', scale: 'five', add: false });
    expect(parseEntry('+4')).toEqual({ kind: 'mark', value: '4', scale: 'five', add: true });
  });
  it('reads н, б, у, оп as attendance, in either case and from the Latin layout', () => {
    expect(parseEntry('н')).toEqual({ kind: 'attendance', code: 'absent' });
    expect(parseEntry('Б')).toEqual({ kind: 'attendance', code: 'ill' });
    expect(parseEntry('у')).toEqual({ kind: 'attendance', code: 'excused' });
    expect(parseEntry('оп')).toEqual({ kind: 'attendance', code: 'late' });
    expect(parseEntry('y')).toEqual({ kind: 'attendance', code: 'absent' });
    expect(parseEntry('jg')).toEqual({ kind: 'attendance', code: 'late' });
    expect(parseEntry('-')).toEqual({ kind: 'attendance', code: null });
  });
  it('reads зачёт and незачёт on the pass/fail scale', () => {
    expect(parseEntry('зач')).toEqual({ kind: 'mark', value: 'pass', scale: 'passFail', add: false });
    expect(parseEntry('нз')).toEqual({ kind: 'mark', value: 'fail', scale: 'passFail', add: false });
  });
  it('refuses what is no mark nor attendance, and treats nothing typed as nothing', () => {
    expect(parseEntry('6')).toEqual({ kind: 'invalid' });
    expect(parseEntry('0')).toEqual({ kind: 'invalid' });
    expect(parseEntry('55')).toEqual({ kind: 'invalid' });
    expect(parseEntry('x')).toEqual({ kind: 'invalid' });
    expect(parseEntry('')).toEqual({ kind: 'none' });
    expect(parseEntry(null)).toEqual({ kind: 'none' });
    expect(parseEntry(DELETE)).toEqual({ kind: 'delete' });
  });
});

describe('moveFocus', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(moveFocus(at(1, 1), { key: 'ArrowRight' }, dims)).toEqual(at(1, 2));
    expect(moveFocus(at(1, 1), { key: 'ArrowUp' }, dims)).toEqual(at(0, 1));
    expect(moveFocus(at(0, 0), { key: 'ArrowUp' }, dims)).toEqual(at(0, 0));
    expect(moveFocus(at(2, 3), { key: 'ArrowDown' }, dims)).toEqual(at(2, 3));
    expect(moveFocus(at(2, 3), { key: 'ArrowRight' }, dims)).toEqual(at(2, 3));
  });
  it('runs Tab along the row, wraps to the next, and lets focus leave at the ends', () => {
    expect(moveFocus(at(0, 3), { key: 'Tab' }, dims)).toEqual(at(1, 0));
    expect(moveFocus(at(1, 0), { key: 'Tab', shiftKey: true }, dims)).toEqual(at(0, 3));
    expect(moveFocus(at(2, 3), { key: 'Tab' }, dims)).toBeNull();
    expect(moveFocus(at(0, 0), { key: 'Tab', shiftKey: true }, dims)).toBeNull();
  });
  it('jumps with Home and End, to the grid corners with Ctrl', () => {
    expect(moveFocus(at(1, 2), { key: 'Home' }, dims)).toEqual(at(1, 0));
    expect(moveFocus(at(1, 2), { key: 'End', ctrlKey: true }, dims)).toEqual(at(2, 3));
  });
  it('ignores other keys', () => {
    expect(moveFocus(at(1, 2), { key: 'a' }, dims)).toBeNull();
  });
});

describe('cellKey', () => {
  it('starts an edit on a printable key and appends to it', () => {
    expect(cellKey({ key: '5' }, null, at(0, 0), dims, false)).toEqual({ type: 'edit', buffer: '5' });
    expect(cellKey({ key: 'п' }, 'о', at(0, 0), dims, false)).toEqual({ type: 'edit', buffer: 'оп' });
  });
  it('saves on Enter and moves down, as a register is filled', () => {
    expect(cellKey({ key: 'Enter' }, '5', at(0, 1), dims, false))
      .toEqual({ type: 'commit', entry: { kind: 'mark', value: '5', scale: 'five', add: false }, to: at(1, 1) });
    expect(cellKey({ key: 'Enter' }, null, at(0, 1), dims, false)).toEqual({ type: 'ignore' });
  });
  it('marks the cell for removal with Delete or Backspace, which Enter then removes', () => {
    expect(cellKey({ key: 'Delete' }, null, at(0, 0), dims, false)).toEqual({ type: 'edit', buffer: DELETE });
    expect(cellKey({ key: 'Backspace' }, null, at(0, 0), dims, false)).toEqual({ type: 'edit', buffer: DELETE });
    expect(cellKey({ key: 'Backspace' }, 'оп', at(0, 0), dims, false)).toEqual({ type: 'edit', buffer: 'о' });
    expect(cellKey({ key: 'Enter' }, DELETE, at(0, 0), dims, false)).toMatchObject({ type: 'commit', entry: { kind: 'delete' } });
  });
  it('cancels the edit with Escape', () => {
    expect(cellKey({ key: 'Escape' }, '4', at(0, 0), dims, false)).toEqual({ type: 'cancel' });
    expect(cellKey({ key: 'Escape' }, null, at(0, 0), dims, false)).toEqual({ type: 'ignore' });
  });
  it('saves what was typed when an arrow or Tab moves away, and drops an empty edit', () => {
    expect(cellKey({ key: 'ArrowRight' }, 'н', at(0, 0), dims, false))
      .toEqual({ type: 'commit', entry: { kind: 'attendance', code: 'absent' }, to: at(0, 1) });
    expect(cellKey({ key: 'Tab' }, '', at(0, 0), dims, false)).toEqual({ type: 'move', to: at(0, 1) });
  });
  it('only moves in a read-only grid: typing, Delete and Enter do nothing', () => {
    expect(cellKey({ key: '5' }, null, at(0, 0), dims, true)).toEqual({ type: 'ignore' });
    expect(cellKey({ key: 'Delete' }, null, at(0, 0), dims, true)).toEqual({ type: 'ignore' });
    expect(cellKey({ key: 'Enter' }, null, at(0, 0), dims, true)).toEqual({ type: 'ignore' });
    expect(cellKey({ key: 'ArrowDown' }, null, at(0, 0), dims, true)).toEqual({ type: 'move', to: at(1, 0) });
  });
  it('leaves shortcuts with Ctrl to the browser', () => {
    expect(cellKey({ key: 'c', ctrlKey: true }, null, at(0, 0), dims, false)).toEqual({ type: 'ignore' });
  });
});
