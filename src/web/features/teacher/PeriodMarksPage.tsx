import { Alert, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { PeriodMarkLine } from '../../../shared/contract/grading.ts';
import { defaultPeriod } from '../../../shared/domain/periods.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { staffIdsOf } from '../../../shared/domain/roles.ts';
import { useMe } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { formatShort, todayIso } from '../diary/dates.ts';
import { explanationText } from '../grading/explanation.ts';
import { AcceptSuggestions } from './AcceptSuggestions.tsx';
import { ExamMarksSection } from './ExamMarksSection.tsx';
import { type SheetTarget, usePeriodMarkChoices, usePeriodMarkSheet, useSavePeriodMarks } from './api.ts';
import { deadlineState, FINAL_MARK_VALUES, formatMean } from './periodMarks.ts';
import './teacher.css';

const YEAR = 'year';

/** `/school/:schoolId/period-marks/:groupId?subject=&period=`: each student's suggestion, its explanation and the final mark. */
export function PeriodMarksPage() {
  const { t } = useTranslation();
  const { schoolId = '', groupId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const me = useMe().data;
  const staffIds = staffIdsOf(me?.roles, schoolId);
  const choices = usePeriodMarkChoices(schoolId, groupId, staffIds);
  const data = choices.data;
  const subjectId = search.get('subject') ?? data?.subjects[0]?.id ?? '';
  const requestedPeriod = search.get('period');
  const periodId = requestedPeriod === YEAR ? YEAR : (data?.periods.find((p) => p.id === requestedPeriod)?.id ?? (data ? defaultPeriod(data.periods, todayIso())?.id ?? null : null));
  const target: SheetTarget | null = data && subjectId && periodId
    ? { groupId, subjectId, periodId: periodId === YEAR ? null : periodId, academicYearId: data.group.academicYearId }
    : null;
  const choose = (patch: Record<string, string>) => setSearch({ subject: subjectId, ...(periodId ? { period: periodId } : {}), ...patch }, { replace: true });

  if (choices.isPending) return <FullPageLoader />;
  if (choices.isError) return <ErrorAlert error={choices.error} />;
  const periodName = periodId === YEAR ? t('teacher.marks.yearMark') : data!.periods.find((p) => p.id === periodId)?.name ?? '';
  const subjectName = data!.subjects.find((s) => s.id === subjectId)?.name ?? '';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('teacher.marks.title', { group: data!.group.name })}</Title>
      <Group gap="sm" align="end" wrap="wrap">
        {data!.subjects.length > 0 && (
          <NativeSelect label={t('teacher.marks.subject')} value={subjectId} onChange={(e) => choose({ subject: e.currentTarget.value })}
            data={data!.subjects.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        <NativeSelect label={t('teacher.marks.period')} value={periodId ?? ''} onChange={(e) => choose({ period: e.currentTarget.value })}
          data={[...data!.periods.map((p) => ({ value: p.id, label: p.name })), { value: YEAR, label: t('teacher.marks.year') }]} />
      </Group>
      {data!.subjects.length === 0 && <Alert color="gray" role="status">{t('teacher.marks.noSubjects')}</Alert>}
      {target && <Sheet key={`${target.subjectId}/${periodId}`} schoolId={schoolId} target={target} caption={t('teacher.marks.caption', { period: periodName, subject: subjectName, group: data!.group.name })} />}
      {target && periodId === YEAR && <ExamMarksSection key={target.subjectId} schoolId={schoolId} subjectName={subjectName} query={{ groupId, subjectId, academicYearId: target.academicYearId }} />}
    </Stack>
  );
}

type RowState = { saving?: boolean; saved?: boolean; error?: unknown };

function Sheet({ schoolId, target, caption }: { schoolId: string; target: SheetTarget; caption: string }) {
  const { t, i18n } = useTranslation();
  const sheet = usePeriodMarkSheet(schoolId, target);
  const { one } = useSavePeriodMarks(schoolId, target);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  if (sheet.isPending) return <FullPageLoader />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  const s = sheet.data;
  const deadline = deadlineState(s.dueOn, todayIso(), s.closed);
  const setRow = (id: string, state: RowState) => setRows((r) => ({ ...r, [id]: state }));

  const saveOne = (line: PeriodMarkLine, value: string) => {
    if (!value) return;
    setRow(line.student.id, { saving: true });
    one.mutate({ studentId: line.student.id, value, ...(line.mark ? { version: line.mark.version } : {}) }, {
      onSuccess: () => setRow(line.student.id, { saved: true }),
      onError: (error) => setRow(line.student.id, { error }),
    });
  };

  return (
    <Stack gap="sm">
      {s.dueOn && <Text size="sm">{t('teacher.marks.due', { date: formatShort(s.dueOn, i18n.language) })}</Text>}
      {deadline === 'past' && <Alert color="red" variant="light" role="alert">{t('teacher.marks.duePast', { date: formatShort(s.dueOn!, i18n.language) })}</Alert>}
      {deadline === 'soon' && <Alert color="orange" variant="light" role="status">{t('teacher.marks.dueSoon', { date: formatShort(s.dueOn!, i18n.language) })}</Alert>}
      {s.closed && <Alert color="gray" role="status">{t('teacher.marks.closed')}</Alert>}
      {!s.closed && s.items.length > 0 && <AcceptSuggestions schoolId={schoolId} target={target} undoable={s.undoable} />}
      {s.items.length === 0 ? <Alert color="gray" role="status">{t('teacher.marks.empty')}</Alert> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder captionSide="top" className="marks-table">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('teacher.marks.student')}</Table.Th>
                <Table.Th scope="col">{t('teacher.marks.final')}</Table.Th>
                <Table.Th scope="col">{t('teacher.marks.suggested')}</Table.Th>
                <Table.Th scope="col">{t('teacher.marks.count')}</Table.Th>
                <Table.Th scope="col">{t('teacher.marks.mean')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.items.map((line) => (
                <MarkRow key={line.student.id} line={line} closed={s.closed} state={rows[line.student.id] ?? {}} onChange={(value) => saveOne(line, value)}
                  onReload={() => { setRow(line.student.id, {}); void sheet.refetch(); }} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function MarkRow({ line, closed, state, onChange, onReload }: {
  line: PeriodMarkLine; closed: boolean; state: RowState; onChange: (value: string) => void; onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const name = shortName(line.student);
  const label = (v: PeriodMarkValue) => t(`teacher.marks.values.${v}`);
  const stale = state.error instanceof ApiError && state.error.status === 409 && state.error.code === 'period_mark.stale';
  return (
    <Table.Tr>
      <Table.Th scope="row" className="marks-table-name">{name}</Table.Th>
      <Table.Td>
        <NativeSelect
          aria-label={t('teacher.marks.finalOf', { name })}
          className="marks-table-select"
          value={line.mark?.value ?? ''}
          disabled={closed || state.saving}
          onChange={(e) => onChange(e.currentTarget.value)}
          data={[...(line.mark ? [] : [{ value: '', label: t('teacher.marks.notSet') }]),
            ...FINAL_MARK_VALUES.map((v) => ({ value: v, label: v === line.suggestion.value ? t('teacher.marks.suggestedOption', { value: label(v) }) : label(v) }))]}
        />
        {state.saving && <Text size="xs" role="status">{t('teacher.marks.saving')}</Text>}
        {state.saved && <Text size="xs" c="green.9" role="status">{t('teacher.marks.saved')}</Text>}
        {stale && (
          <Stack gap={4} mt={4}>
            <Text size="xs" c="red.9" role="alert">{t('teacher.marks.stale', { value: line.mark ? label(line.mark.value) : '—' })}</Text>
            <Button size="compact-xs" variant="default" onClick={onReload}>{t('teacher.marks.reload')}</Button>
          </Stack>
        )}
        {state.error !== undefined && !stale && <ErrorAlert error={state.error} />}
      </Table.Td>
      <Table.Td className="marks-table-explanation">
        <Text fw={700} span>{label(line.suggestion.value)}</Text>
        <Text size="sm" c="dimmed">{explanationText(line.suggestion.reason, t, i18n.language)}</Text>
      </Table.Td>
      <Table.Td>{line.suggestion.count}</Table.Td>
      <Table.Td>{formatMean(line.suggestion.mean, i18n.language)}</Table.Td>
    </Table.Tr>
  );
}
