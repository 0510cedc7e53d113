import './journal.css';
import { Alert, Anchor, Group, NativeSelect, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { defaultPeriod, periodsForGrade } from '../../../shared/domain/periods.ts';
import { staffIdsOf } from '../../../shared/domain/roles.ts';
import { useMe } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useAssignments, useClasses, useClosure, useGroup, useJournal, usePeriods, useSubjects } from './api.ts';
import { JournalPrintControl } from '../reports/JournalPrintControl.tsx';
import { GridEditor } from './GridEditor.tsx';
import { localToday } from './periods.ts';

/** `/school/:schoolId/journal/:groupId?subject=&period=`: the journal grid of a group's subject for a period. */
export function JournalGridPage() {
  const { t } = useTranslation();
  const { schoolId = '', groupId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const me = useMe().data;
  const myStaffIds = useMemo(() => staffIdsOf(me?.roles, schoolId), [me, schoolId]);

  const group = useGroup(schoolId, groupId);
  const assignments = useAssignments(schoolId, groupId);
  const subjects = useSubjects(schoolId);
  const classes = useClasses(schoolId);
  const periods = usePeriods(schoolId, group.data?.academicYearId);

  // The subjects of this group: the teacher's own first.
  const subjectIds = useMemo(() => {
    const list = [...(assignments.data ?? [])].sort((a, b) => Number(myStaffIds.includes(b.staffId)) - Number(myStaffIds.includes(a.staffId)));
    return [...new Set(list.map((a) => a.subjectId))];
  }, [assignments.data, myStaffIds]);
  const subjectId = search.get('subject') ?? subjectIds[0];

  const grade = group.data?.classId ? classes.data?.find((c) => c.id === group.data!.classId)?.grade ?? null : null;
  const gradeKnown = !group.data?.classId || classes.isSuccess;
  const ownPeriods = useMemo(() => periodsForGrade(periods.data ?? [], grade), [periods.data, grade]);
  const periodId = search.get('period') ?? (gradeKnown ? defaultPeriod(periods.data ?? [], localToday(), grade)?.id : undefined);

  const journal = useJournal(schoolId, groupId, subjectId, periodId);
  const closure = useClosure(schoolId, periodId);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(name, value);
    setSearch(next);
  };

  const setupError = [group, assignments, subjects, periods].find((q) => q.isError)?.error;
  const notFound = (setupError ?? journal.error) instanceof ApiError && [400, 404].includes(((setupError ?? journal.error) as ApiError).status);
  const subjectName = (id: string) => subjects.data?.find((s) => s.id === id)?.name ?? '';
  const title = journal.data ? `${journal.data.group.name} — ${journal.data.subject.name}` : group.data?.name ?? '';

  return (
    <Stack gap="sm" className="jg-page">
      <Anchor component={Link} to={`/school/${schoolId}/journal`} size="sm">← {t('journal.back')}</Anchor>
      <Title order={1} size="h2">{t('journal.title')}{title ? `: ${title}` : ''}</Title>
      {notFound && <Alert color="red" variant="light" role="alert" title={t('journal.notFoundTitle')}>{t('journal.notFound')}</Alert>}
      {setupError && !notFound && <ErrorAlert error={setupError} />}
      {!setupError && (
        <Group gap="sm" align="end" wrap="wrap">
          {subjectIds.length > 1 && (
            <NativeSelect label={t('journal.subject')} value={subjectId ?? ''} onChange={(e) => setParam('subject', e.currentTarget.value)}
              data={subjectIds.map((id) => ({ value: id, label: subjectName(id) }))} />
          )}
          {ownPeriods.length > 0 && (
            <NativeSelect label={t('journal.period')} value={periodId ?? ''} onChange={(e) => setParam('period', e.currentTarget.value)}
              data={ownPeriods.map((p) => ({ value: p.id, label: p.name }))} />
          )}
          {journal.data && (
            <JournalPrintControl schoolId={schoolId} groupId={journal.data.group.id} subjectId={journal.data.subject.id}
              from={journal.data.period.startsOn} to={journal.data.period.endsOn} />
          )}
        </Group>
      )}
      {assignments.isSuccess && subjectIds.length === 0 && !search.get('subject') && (
        <Alert color="gray" variant="light" role="status">{t('journal.noSubjects')}</Alert>
      )}
      {periods.isSuccess && gradeKnown && !periodId && <Alert color="gray" variant="light" role="status">{t('journal.noPeriods')}</Alert>}
      {journal.isError && !notFound && <ErrorAlert error={journal.error} />}
      {(journal.isLoading || closure.isLoading) && <FullPageLoader />}
      {journal.data && !closure.isLoading && me && (
        <GridEditor key={`${journal.data.group.id}|${journal.data.subject.id}|${journal.data.period.id}|${journal.dataUpdatedAt}`}
          userId={me.user.id} schoolId={schoolId} journal={journal.data} closure={closure.data} myStaffIds={myStaffIds} />
      )}
    </Stack>
  );
}
