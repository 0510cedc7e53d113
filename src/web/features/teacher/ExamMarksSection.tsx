import { Alert, Button, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { ExamMarkLine, ExamMarkQuery, FinalSuggestion } from '../../../shared/contract/exams.ts';
import { EXAM_MARK_VALUES, type ExamKind } from '../../../shared/domain/exams.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useExamMarkSheet, useSaveExamMark } from './examApi.ts';
import { FINAL_MARK_VALUES } from './periodMarks.ts';

type CellState = { saving?: boolean; saved?: boolean; error?: unknown };
const EXAM_CHOICES = [...EXAM_MARK_VALUES].reverse();

/**
 * Seed 002, 4.3.11: under the year marks of grades 9 and 11 (and of examined subjects), the exam and
 * the final mark of each student; the final mark is suggested from the year and the exam mark.
 */
export function ExamMarksSection({ schoolId, query, subjectName }: { schoolId: string; query: ExamMarkQuery; subjectName: string }) {
  const { t } = useTranslation();
  const sheet = useExamMarkSheet(schoolId, query);
  const save = useSaveExamMark(schoolId, query);
  const [cells, setCells] = useState<Record<string, CellState>>({});
  if (sheet.isPending) return <FullPageLoader />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  const s = sheet.data;
  if (!s.available) return null;
  const setCell = (key: string, state: CellState) => setCells((c) => ({ ...c, [key]: state }));
  const saveCell = (line: ExamMarkLine, kind: ExamKind, value: string) => {
    if (!value) return;
    const key = `${line.student.id}/${kind}`;
    const current = line[kind];
    setCell(key, { saving: true });
    save.mutate({ studentId: line.student.id, kind, value, ...(current ? { version: current.version } : {}) }, {
      onSuccess: () => setCell(key, { saved: true }),
      onError: (error) => setCell(key, { error }),
    });
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="exam-marks-title">
      <Title order={2} size="h3" id="exam-marks-title">{t('teacher.exams.title')}</Title>
      <Text size="sm" c="dimmed">{t('teacher.exams.rule')}</Text>
      {s.items.length === 0 ? <Alert color="gray" role="status">{t('teacher.marks.empty')}</Alert> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder captionSide="top" className="marks-table">
            <Table.Caption>{t('teacher.exams.caption', { subject: subjectName })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('teacher.marks.student')}</Table.Th>
                <Table.Th scope="col">{t('teacher.exams.year')}</Table.Th>
                <Table.Th scope="col">{t('teacher.exams.exam')}</Table.Th>
                <Table.Th scope="col">{t('teacher.exams.final')}</Table.Th>
                <Table.Th scope="col">{t('teacher.marks.suggested')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.items.map((line) => (
                <ExamRow key={line.student.id} line={line} closed={s.closed} cells={cells} onChange={(kind, value) => saveCell(line, kind, value)}
                  onReload={(kind) => { setCell(`${line.student.id}/${kind}`, {}); void sheet.refetch(); }} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ExamRow({ line, closed, cells, onChange, onReload }: {
  line: ExamMarkLine; closed: boolean; cells: Record<string, CellState>; onChange: (kind: ExamKind, value: string) => void; onReload: (kind: ExamKind) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = shortName(line.student);
  const label = (v: PeriodMarkValue) => t(`teacher.marks.values.${v}`);
  const select = (kind: ExamKind, values: readonly PeriodMarkValue[]) => {
    const mark = line[kind];
    const state = cells[`${line.student.id}/${kind}`] ?? {};
    const stale = state.error instanceof ApiError && state.error.status === 409 && state.error.code === 'period_mark.stale';
    const suggested = kind === 'final' ? line.suggestion.value : null;
    return (
      <Table.Td>
        <NativeSelect
          aria-label={t(kind === 'exam' ? 'teacher.exams.examOf' : 'teacher.exams.finalOf', { name })}
          className="marks-table-select"
          value={mark?.value ?? ''}
          disabled={closed || state.saving}
          onChange={(e) => onChange(kind, e.currentTarget.value)}
          data={[...(mark ? [] : [{ value: '', label: t('teacher.marks.notSet') }]),
            ...values.map((v) => ({ value: v, label: v === suggested ? t('teacher.marks.suggestedOption', { value: label(v) }) : label(v) }))]}
        />
        {state.saving && <Text size="xs" role="status">{t('teacher.marks.saving')}</Text>}
        {state.saved && <Text size="xs" c="green.9" role="status">{t('teacher.marks.saved')}</Text>}
        {stale && (
          <Stack gap={4} mt={4}>
            <Text size="xs" c="red.9" role="alert">{t('teacher.marks.stale', { value: mark ? label(mark.value) : '—' })}</Text>
            <Button size="compact-xs" variant="default" onClick={() => onReload(kind)}>{t('teacher.marks.reload')}</Button>
          </Stack>
        )}
        {state.error !== undefined && !stale && <ErrorAlert error={state.error} />}
      </Table.Td>
    );
  };
  return (
    <Table.Tr>
      <Table.Th scope="row" className="marks-table-name">{name}</Table.Th>
      <Table.Td>{line.yearMark ? label(line.yearMark) : '—'}</Table.Td>
      {select('exam', EXAM_CHOICES)}
      {select('final', FINAL_MARK_VALUES)}
      <Table.Td className="marks-table-explanation">
        {line.suggestion.value && <Text fw={700} span>{label(line.suggestion.value)}</Text>}
        <Text size="sm" c="dimmed">{explain(line.suggestion, t, label, i18n.language)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The suggestion's reason through i18n, with the locale's decimal separator. */
function explain(s: FinalSuggestion, t: (key: string, options?: Record<string, unknown>) => string, label: (v: PeriodMarkValue) => string, language: string) {
  switch (s.reason) {
    case 'noYearMark': return t('teacher.exams.reason.noYearMark');
    case 'yearNotNumeric': return t('teacher.exams.reason.yearNotNumeric', { year: label(s.year!) });
    case 'yearOnly': return t('teacher.exams.reason.yearOnly', { year: s.year });
    case 'mean': return t(s.tie ? 'teacher.exams.reason.meanTie' : 'teacher.exams.reason.mean', {
      year: s.year, exam: s.exam, mean: s.mean!.toLocaleString(language), value: s.value,
    });
  }
}
