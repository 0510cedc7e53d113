import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AcceptBatch, AcceptPreview } from '../../../shared/contract/grading.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatShort } from '../diary/dates.ts';
import { explanationText } from '../grading/explanation.ts';
import { type SheetTarget, useAcceptSuggestions } from './api.ts';

/** Whether an undo window is still open, turning false by itself when it ends. */
function useStillOpen(until: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return undefined;
    const left = Date.parse(until) - Date.now();
    if (left <= 0) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), left + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return until !== null && Date.parse(until) > now;
}

/**
 * «Принять предложенные»: the button opens a preview of every mark it would set (Н/А only after the
 * deadline), the teacher confirms that list, and may undo the batch for a few minutes afterwards.
 */
export function AcceptSuggestions({ schoolId, target, undoable }: { schoolId: string; target: SheetTarget; undoable: AcceptBatch | null }) {
  const { t, i18n } = useTranslation();
  const { preview, confirm, undo } = useAcceptSuggestions(schoolId, target);
  const [shown, setShown] = useState<AcceptPreview | null>(null);
  const [done, setDone] = useState<{ kind: 'accepted' | 'undone'; count: number } | null>(null);
  const undoOpen = useStillOpen(undoable?.undoUntil ?? null);
  const label = (v: PeriodMarkValue) => t(`teacher.marks.values.${v}`);
  const stale = confirm.error instanceof ApiError && confirm.error.code === 'period_mark.preview_stale';

  const open = () => {
    setDone(null);
    confirm.reset();
    undo.reset();
    preview.mutate(undefined, { onSuccess: setShown });
  };
  const close = () => { setShown(null); confirm.reset(); };
  const accept = () => shown && confirm.mutate(shown, {
    onSuccess: (res) => { setShown(null); setDone({ kind: 'accepted', count: res.items.length }); },
  });
  const refresh = () => { confirm.reset(); preview.mutate(undefined, { onSuccess: setShown }); };
  const cancelBatch = () => undoable && undo.mutate(undoable.id, {
    onSuccess: (res) => setDone({ kind: 'undone', count: res.restored.length + res.removed.length }),
  });

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button onClick={open} loading={preview.isPending}>{t('teacher.marks.acceptOpen')}</Button>
        {done?.kind === 'accepted' && <Text size="sm" role="status">{t('teacher.marks.acceptDone', { count: done.count })}</Text>}
        {done?.kind === 'undone' && <Text size="sm" role="status">{t('teacher.marks.undoDone', { count: done.count })}</Text>}
        {undoable && undoOpen && (
          <Button variant="default" onClick={cancelBatch} loading={undo.isPending}>
            {t('teacher.marks.undo', { count: undoable.count })}
          </Button>
        )}
      </Group>
      {undoable && undoOpen && (
        <Text size="xs" c="dimmed">{t('teacher.marks.undoUntil', { time: new Date(undoable.undoUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}</Text>
      )}
      {preview.isError && <ErrorAlert error={preview.error} />}
      {undo.isError && <ErrorAlert error={undo.error} />}
      <Modal opened={shown !== null} onClose={close} lockScroll={false} size="xl" title={t('teacher.marks.previewTitle')}>
        {shown && (
          <Stack gap="sm">
            <Text role="status">{shown.items.length > 0 ? t('teacher.marks.previewCount', { count: shown.items.length }) : t('teacher.marks.previewEmpty')}</Text>
            {shown.leftOutNotAssessed > 0 && (
              <Alert color="gray" role="note">
                {t('teacher.marks.previewLeftOut', { count: shown.leftOutNotAssessed, date: formatShort(shown.deadline, i18n.language) })}
              </Alert>
            )}
            {shown.items.length > 0 && (
              <Table.ScrollContainer minWidth={520}>
                <Table striped withTableBorder captionSide="top">
                  <Table.Caption>{t('teacher.marks.previewCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('teacher.marks.student')}</Table.Th>
                      <Table.Th scope="col">{t('teacher.marks.previewNow')}</Table.Th>
                      <Table.Th scope="col">{t('teacher.marks.previewSet')}</Table.Th>
                      <Table.Th scope="col">{t('teacher.marks.previewWhy')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.items.map((i) => (
                      <Table.Tr key={i.student.id}>
                        <Table.Th scope="row" fw={400}>{shortName(i.student)}</Table.Th>
                        <Table.Td>{i.current ? label(i.current.value) : '—'}</Table.Td>
                        <Table.Td fw={700}>{label(i.value)}</Table.Td>
                        <Table.Td><Text size="sm" c="dimmed">{explanationText(i.reason, t, i18n.language)}</Text></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {confirm.isError && <ErrorAlert error={confirm.error} />}
            <Group justify="flex-end" gap="sm">
              {stale && <Button variant="default" onClick={refresh} loading={preview.isPending}>{t('teacher.marks.previewRefresh')}</Button>}
              <Button variant="default" onClick={close}>{t('teacher.marks.previewCancel')}</Button>
              {shown.items.length > 0 && !stale && (
                <Button onClick={accept} loading={confirm.isPending}>{t('teacher.marks.previewConfirm')}</Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
