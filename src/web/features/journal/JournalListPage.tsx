import './journal.css';
import { Alert, Anchor, Group, NativeSelect, Stack, Table, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Period } from '../../../shared/contract/calendar.ts';
import type { Assignment } from '../../../shared/contract/structure.ts';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { staffIdsOf } from '../../../shared/domain/roles.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useAssignments, useClasses, useGroups, usePeriods, useStaff, useSubjects, useYears } from './api.ts';
import { localToday } from './periods.ts';

const WHOLE_SCHOOL = new Set(['admin', 'director', 'deputy']);

type Line = { key: string; groupId: string; groupName: string; subjectId: string; subjectName: string; teacher: string; grade: number | null; classId: string | null };

/** `/school/:schoolId/journal`: the journals a person may read, with links to their grids. */
export function JournalListPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const me = useMe().data;
  const myStaffIds = useMemo(() => staffIdsOf(me?.roles, schoolId), [me, schoolId]);
  const wholeSchool = !!me?.roles.some((r) => r.schoolId === schoolId && WHOLE_SCHOOL.has(r.role));

  const years = useYears(schoolId);
  const year = useMemo(() => currentYear(years.data ?? [], localToday()), [years.data]);
  const periods = usePeriods(schoolId, year?.id);
  const assignments = useAssignments(schoolId);
  const groups = useGroups(schoolId);
  const subjects = useSubjects(schoolId);
  const classes = useClasses(schoolId);
  const staff = useStaff(schoolId, true);

  const [classFilter, setClassFilter] = useState('');
  const [periodChoice, setPeriodChoice] = useState('');

  const lines = useMemo(() => {
    if (!assignments.data || !groups.data || !subjects.data || !classes.data) return [];
    const groupOf = new Map(groups.data.map((g) => [g.id, g]));
    const subjectOf = new Map(subjects.data.map((s) => [s.id, s]));
    const classOf = new Map(classes.data.map((c) => [c.id, c]));
    const staffOf = new Map((staff.data ?? []).map((s) => [s.id, s]));
    const seen = new Set<string>();
    const out: (Line & { staffIds: string[] })[] = [];
    for (const a of assignments.data as Assignment[]) {
      if (year && a.academicYearId !== year.id) continue;
      const group = groupOf.get(a.groupId);
      if (!group) continue;
      const key = `${a.groupId}|${a.subjectId}`;
      const person = staffOf.get(a.staffId);
      const teacher = person ? shortName(person) : '';
      const existing = seen.has(key) ? out.find((l) => l.key === key) : undefined;
      if (existing) {
        if (!existing.staffIds.includes(a.staffId)) {
          existing.staffIds.push(a.staffId);
          if (teacher) existing.teacher = [existing.teacher, teacher].filter(Boolean).join(', ');
        }
        continue;
      }
      seen.add(key);
      const klass = group.classId ? classOf.get(group.classId) : undefined;
      out.push({
        key, groupId: group.id, groupName: group.name, subjectId: a.subjectId, subjectName: subjectOf.get(a.subjectId)?.name ?? '',
        teacher, grade: klass?.grade ?? null, classId: group.classId, staffIds: [a.staffId],
      });
    }
    return out.sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || a.groupName.localeCompare(b.groupName, 'ru') || a.subjectName.localeCompare(b.subjectName, 'ru'));
  }, [assignments.data, groups.data, subjects.data, classes.data, staff.data, year]);

  const keptClassIds = useMemo(
    () => new Set((classes.data ?? []).filter((c) => c.classTeacherId && myStaffIds.includes(c.classTeacherId)).map((c) => c.id)),
    [classes.data, myStaffIds],
  );
  const mine = lines.filter((l) => l.staffIds.some((id) => myStaffIds.includes(id)));
  const ofMyClass = lines.filter((l) => !mine.includes(l) && l.classId !== null && keptClassIds.has(l.classId));
  const everyone = wholeSchool ? lines.filter((l) => !classFilter || l.classId === classFilter) : [];

  const periodList = useMemo(() => distinctPeriods(periods.data ?? []), [periods.data]);
  const bands = new Set(periodList.map((p) => `${p.gradeFrom}-${p.gradeTo}`));
  const periodLabel = (p: Period) => (bands.size > 1 ? `${p.name} (${t('journal.grades', { from: p.gradeFrom, to: p.gradeTo })})` : p.name);
  const chosen = periodList.find((p) => p.id === periodChoice);
  const linkOf = (line: Line) => {
    const params = new URLSearchParams({ subject: line.subjectId });
    const period = chosen && (line.grade === null || (chosen.gradeFrom <= line.grade && line.grade <= chosen.gradeTo))
      ? chosen : defaultPeriod(periods.data ?? [], localToday(), line.grade);
    if (period) params.set('period', period.id);
    return `/school/${schoolId}/journal/${line.groupId}?${params.toString()}`;
  };

  const error = [years, assignments, groups, subjects, classes].find((q) => q.isError)?.error;
  const loading = [years, assignments, groups, subjects, classes].some((q) => q.isLoading);
  const table = (caption: string, list: Line[], withTeacher = true) => (
    <div className="jl-box">
      <Table striped highlightOnHover withTableBorder className="jl-table">
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('journal.journalColumn')}</Table.Th>
            {withTeacher && <Table.Th scope="col">{t('journal.teacher')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((line) => (
            <Table.Tr key={line.key}>
              <Table.Td>
                <Anchor component={Link} to={linkOf(line)}>{`${line.groupName} — ${line.subjectName}`}</Anchor>
              </Table.Td>
              {withTeacher && <Table.Td>{line.teacher}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('journal.listTitle')}</Title>
      {error && <ErrorAlert error={error} />}
      {loading && <FullPageLoader />}
      {!loading && !error && (
        <>
          <Group gap="sm" align="end" wrap="wrap">
            {periodList.length > 0 && (
              <NativeSelect label={t('journal.period')} value={periodChoice} onChange={(e) => setPeriodChoice(e.currentTarget.value)}
                data={[{ value: '', label: t('journal.currentPeriod') }, ...periodList.map((p) => ({ value: p.id, label: periodLabel(p) }))]} />
            )}
            {wholeSchool && (
              <NativeSelect label={t('journal.class')} value={classFilter} onChange={(e) => setClassFilter(e.currentTarget.value)}
                data={[{ value: '', label: t('journal.allClasses') }, ...(classes.data ?? [])
                  .filter((c) => !year || c.academicYearId === year.id)
                  .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'))
                  .map((c) => ({ value: c.id, label: c.name }))]} />
            )}
          </Group>
          {mine.length > 0 && table(t('journal.mine'), mine, false)}
          {ofMyClass.length > 0 && table(t('journal.myClass'), ofMyClass)}
          {wholeSchool && everyone.length > 0 && table(t('journal.all'), everyone)}
          {mine.length === 0 && ofMyClass.length === 0 && everyone.length === 0 && (
            <Alert color="gray" variant="light" role="status">{t('journal.noJournals')}</Alert>
          )}
        </>
      )}
    </Stack>
  );
}

/** Periods in date order, one per name and dates (grade bands with the same quarters show once). */
function distinctPeriods(periods: readonly Period[]): Period[] {
  const seen = new Map<string, Period>();
  for (const p of [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.gradeFrom - b.gradeFrom)) {
    const key = `${p.name}|${p.gradeFrom}|${p.gradeTo}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}
