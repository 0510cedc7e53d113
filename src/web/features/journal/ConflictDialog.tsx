import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendance, Journal, Mark } from '../../../shared/contract/journal.ts';
import { ATTENDANCE_LETTERS } from '../../../shared/domain/attendance.ts';
import { markText } from './gridModel.ts';
import type { Conflict } from './gridStore.ts';

type Props = {
  conflict: Conflict;
  journal: Journal;
  labels: ReadonlyMap<string, string>;
  onResolve(choice: 'mine' | 'theirs'): void;
};

/**
 * A stale write (409): both values side by side; «Оставить мою» sends the teacher's value again
 * against the server's version, «Взять с сервера» takes the server's. A native modal <dialog>:
 * focus stays inside and no style element is injected (strict CSP).
 */
export function ConflictDialog({ conflict, journal, labels, onResolve }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, [conflict]);

  const workTypeName = (id: string) => journal.workTypes.find((w) => w.id === id)?.name ?? '';
  const weight = (w: number) => t('journal.weightShort', { weight: String(w).replace('.', ',') });
  const { op, current } = conflict;
  const student = journal.students.find((s) => s.id === op.studentId);
  const cell = `${student?.shortName ?? ''}, ${labels.get(op.lessonId) ?? ''}`;

  let mine: string;
  let theirs: string;
  if (op.kind === 'attendance.put') {
    const row = current as Attendance | null;
    mine = op.code ? ATTENDANCE_LETTERS[op.code] : t('journal.present');
    theirs = row?.code ? ATTENDANCE_LETTERS[row.code] : t('journal.present');
  } else {
    const mark = current as Mark | null;
    const scale = op.kind === 'mark.create' ? op.scale : mark?.scale ?? 'five';
    mine = op.kind === 'mark.delete' ? t('journal.deleted')
      : `${markText({ scale, value: op.value })} (${workTypeName(op.workTypeId)}, ${weight(op.weight)})`;
    theirs = !mark || mark.deleted ? t('journal.deleted') : `${markText(mark)} (${workTypeName(mark.workTypeId)}, ${weight(mark.weight)})`;
  }

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="jg-dialog" onCancel={(e) => e.preventDefault()}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={titleId}>{t('journal.conflictTitle')}</Title>
        <Text>{t('journal.conflictText', { cell })}</Text>
        <dl className="jg-conflict">
          <dt>{t('journal.yours')}</dt>
          <dd>{mine}</dd>
          <dt>{t('journal.server')}</dt>
          <dd>{theirs}</dd>
        </dl>
        <Group gap="sm" wrap="wrap">
          <Button onClick={() => onResolve('mine')}>{t('journal.keepMine')}</Button>
          <Button variant="default" onClick={() => onResolve('theirs')}>{t('journal.takeServer')}</Button>
        </Group>
      </Stack>
    </dialog>
  );
}
