import { Alert, Checkbox, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { currentYear } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useGroups, useSubjects, useYears } from './api.ts';
import { useExamSubjects, useGroupAssignments, useSetExamSubject } from './examsApi.ts';

/**
 * `/school/:schoolId/exams`: the deputy marks the subjects of a group that end with an examination
 * (a college's examined disciplines, a school's transfer exams); grades 9 and 11 have them anyway.
 */
export function ExamsPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const years = useYears(schoolId);
  const [yearChoice, setYearChoice] = useState('');
  const year = years.data?.find((y) => y.id === yearChoice) ?? (years.data ? currentYear(years.data, todayIso()) : undefined);
  const groups = useGroups(schoolId, year?.id);
  const [groupId, setGroupId] = useState('');
  const sortedGroups = [...(groups.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
  const group = sortedGroups.find((g) => g.id === groupId);
  if (years.isPending || (year && groups.isPending)) return <FullPageLoader />;
  if (years.isError) return <ErrorAlert error={years.error} />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('control.exams.title')}</Title>
      <Text size="sm">{t('control.exams.intro')}</Text>
      {(years.data?.length ?? 0) > 1 && (
        <NativeSelect label={t('control.year')} value={year?.id ?? ''} onChange={(e) => { setYearChoice(e.currentTarget.value); setGroupId(''); }}
          data={years.data!.map((y) => ({ value: y.id, label: y.name }))} />
      )}
      <NativeSelect label={t('control.exams.group')} value={groupId} onChange={(e) => setGroupId(e.currentTarget.value)}
        data={[{ value: '', label: t('control.choose') }, ...sortedGroups.map((g) => ({ value: g.id, label: g.name }))]} />
      {group && <GroupExams schoolId={schoolId} groupId={group.id} groupName={group.name} />}
    </Stack>
  );
}

function GroupExams({ schoolId, groupId, groupName }: { schoolId: string; groupId: string; groupName: string }) {
  const { t } = useTranslation();
  const assignments = useGroupAssignments(schoolId, groupId);
  const subjects = useSubjects(schoolId);
  const exams = useExamSubjects(schoolId, groupId);
  const save = useSetExamSubject(schoolId);
  // The box follows the click at once; the server's answer (or its refusal) settles it.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  if (assignments.isPending || subjects.isPending || exams.isPending) return <FullPageLoader />;
  const error = assignments.error ?? subjects.error ?? exams.error;
  if (error) return <ErrorAlert error={error} />;
  const taught = new Set(assignments.data!.map((a) => a.subjectId));
  const examined = new Set(exams.data!.map((e) => e.subjectId));
  const list = subjects.data!.filter((s) => taught.has(s.id) || examined.has(s.id)).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  if (list.length === 0) return <Alert color="gray" role="status">{t('control.exams.noSubjects')}</Alert>;
  return (
    <Stack gap="xs">
      {save.isError && <ErrorAlert error={save.error} />}
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>{t('control.exams.caption', { group: groupName })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('control.exams.subject')}</Table.Th>
            <Table.Th scope="col">{t('control.exams.exam')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Th scope="row" fw={400}>{s.name}</Table.Th>
              <Table.Td>
                <Checkbox aria-label={t('control.exams.examOf', { subject: s.name })} checked={pending[s.id] ?? examined.has(s.id)} disabled={s.id in pending}
                  onChange={(e) => {
                    const exam = e.currentTarget.checked;
                    setPending((p) => ({ ...p, [s.id]: exam }));
                    save.mutate({ groupId, subjectId: s.id, exam }, {
                      onSettled: () => setPending(({ [s.id]: _done, ...rest }) => rest),
                    });
                  }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
