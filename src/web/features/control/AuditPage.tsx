import { Alert, Anchor, Button, Group, NativeSelect, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { AuditEntry } from '../../../shared/contract/audit.ts';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import {
  type AuditFilter, useAudit, useClasses, useGroupLessons, useGroups, useLesson, usePeriods, useStudent, useStudentsOfClass, useSubjects,
  useWorkTypes, useYears,
} from './api.ts';
import { describeChange, formatDate, formatInstant, lessonIdOf, type Names } from './auditText.ts';
import { sortPeriods } from './periods.ts';
import './control.css';

const isId = (v: string | null): v is string => !!v && /^[0-9a-f-]{36}$/i.test(v);

/** `/school/:schoolId/audit?lesson=|student=|period=`: the legal history of one lesson, student or period. */
export function AuditPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const lessonId = isId(search.get('lesson')) ? search.get('lesson')! : undefined;
  const studentId = !lessonId && isId(search.get('student')) ? search.get('student')! : undefined;
  const periodId = !lessonId && !studentId && isId(search.get('period')) ? search.get('period')! : undefined;
  const filter: AuditFilter = lessonId ? { lessonId } : studentId ? { studentId } : periodId ? { periodId } : {};
  const chosen = !!(lessonId || studentId || periodId);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('control.audit.title')}</Title>
      <Text size="sm">{t('control.audit.intro')}</Text>
      <Finder schoolId={schoolId} onPick={(key, id) => setSearch({ [key]: id })} />
      {chosen ? <Trail schoolId={schoolId} filter={filter} /> : <Alert color="gray" role="status">{t('control.audit.pick')}</Alert>}
    </Stack>
  );
}

/** Choose a class → student, or a group → lesson. */
function Finder({ schoolId, onPick }: { schoolId: string; onPick: (key: 'lesson' | 'student', id: string) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const [mode, setMode] = useState<'student' | 'lesson'>('student');
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, today) : undefined;
  const classes = useClasses(schoolId, year?.id);
  const groups = useGroups(schoolId, year?.id);
  const periods = usePeriods(schoolId, year?.id);
  const subjects = useSubjects(schoolId);
  const sorted = sortPeriods(periods.data ?? []);
  const [classId, setClassId] = useState('');
  const [studentId, setStudentId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [periodChoice, setPeriodChoice] = useState('');
  const [lessonId, setLessonId] = useState('');
  const period = sorted.find((p) => p.id === periodChoice) ?? defaultPeriod(sorted, today);
  const students = useStudentsOfClass(schoolId, mode === 'student' ? classId || undefined : undefined);
  const lessons = useGroupLessons(schoolId, mode === 'lesson' ? groupId || undefined : undefined, period?.startsOn, period?.endsOn);
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.id, s.name]));
  const lessonOptions = [...(lessons.data ?? [])].sort((a, b) => b.date.localeCompare(a.date) || a.lessonNumber - b.lessonNumber);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (mode === 'student' && studentId) onPick('student', studentId);
    if (mode === 'lesson' && lessonId) onPick('lesson', lessonId);
  };
  return (
    <form onSubmit={submit} aria-label={t('control.audit.finder')} className="control-finder">
      <Radio.Group label={t('control.audit.whose')} value={mode} onChange={(v) => setMode(v === 'lesson' ? 'lesson' : 'student')}>
        <Group gap="md" mt={6}>
          <Radio value="student" label={t('control.audit.ofStudent')} />
          <Radio value="lesson" label={t('control.audit.ofLesson')} />
        </Group>
      </Radio.Group>
      {mode === 'student' ? (
        <>
          <NativeSelect label={t('control.board.class')} value={classId} onChange={(e) => { setClassId(e.currentTarget.value); setStudentId(''); }}
            data={[{ value: '', label: t('control.choose') }, ...(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
          <NativeSelect label={t('control.audit.student')} value={studentId} disabled={!classId} onChange={(e) => setStudentId(e.currentTarget.value)}
            data={[{ value: '', label: t('control.choose') }, ...(students.data ?? []).map((s) => ({ value: s.id, label: s.shortName }))]} />
        </>
      ) : (
        <>
          <NativeSelect label={t('control.periods.group')} value={groupId} onChange={(e) => { setGroupId(e.currentTarget.value); setLessonId(''); }}
            data={[{ value: '', label: t('control.choose') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]} />
          <NativeSelect label={t('control.period')} value={period?.id ?? ''} onChange={(e) => { setPeriodChoice(e.currentTarget.value); setLessonId(''); }}
            data={sorted.map((p) => ({ value: p.id, label: p.name }))} />
          <NativeSelect label={t('control.audit.lesson')} value={lessonId} disabled={!groupId} onChange={(e) => setLessonId(e.currentTarget.value)}
            data={[{ value: '', label: t('control.choose') }, ...lessonOptions.map((l) => ({
              value: l.id, label: `${formatDate(l.date)}, ${t('control.audit.lessonNumber', { number: l.lessonNumber })}, ${subjectName.get(l.subjectId) ?? ''}`,
            }))]} />
        </>
      )}
      <Button type="submit" disabled={mode === 'student' ? !studentId : !lessonId}>{t('control.audit.show')}</Button>
    </form>
  );
}

function Trail({ schoolId, filter }: { schoolId: string; filter: AuditFilter }) {
  const { t } = useTranslation();
  const audit = useAudit(schoolId, filter);
  const lesson = useLesson(schoolId, filter.lessonId);
  const student = useStudent(schoolId, filter.studentId);
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, todayIso()) : undefined;
  const groups = useGroups(schoolId, year?.id);
  const periods = usePeriods(schoolId, year?.id);
  const subjects = useSubjects(schoolId);
  const workTypes = useWorkTypes(schoolId);
  const group = groups.data?.find((g) => g.id === lesson.data?.groupId);
  const classmates = useStudentsOfClass(schoolId, group?.classId ?? undefined, lesson.data?.date);
  const names: Names = {
    workTypes: new Map((workTypes.data ?? []).map((w) => [w.id, w.name])),
    students: new Map([
      ...(classmates.data ?? []).map((s) => [s.id, s.shortName] as const),
      ...(student.data ? [[student.data.id, student.data.shortName] as const] : []),
    ]),
    periods: new Map((periods.data ?? []).map((p) => [p.id, p.name])),
    groups: new Map((groups.data ?? []).map((g) => [g.id, g.name])),
    subjects: new Map((subjects.data ?? []).map((s) => [s.id, s.name])),
  };
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const period = periods.data?.find((p) => p.id === filter.periodId);
  const subject = lesson.data ? names.subjects?.get(lesson.data.subjectId) ?? '' : '';

  const heading = filter.lessonId
    ? (lesson.data ? t('control.audit.lessonHeading', {
      subject, group: group?.name ?? '', date: formatDate(lesson.data.date), number: lesson.data.lessonNumber,
    }) : t('control.audit.lessonHeadingShort'))
    : filter.studentId ? t('control.audit.studentHeading', { name: student.data?.fullName ?? '' })
      : t('control.audit.periodHeading', { name: period?.name ?? '' });

  return (
    <section aria-labelledby="audit-trail" className="control-trail">
      <Title order={2} size="h3" id="audit-trail">{heading}</Title>
      {lesson.data && (
        <Group gap="md" my="xs" wrap="wrap">
          {lesson.data.topic
            ? <Text size="sm">{t('control.audit.topic', { topic: lesson.data.topic })}</Text>
            : <Text size="sm" c="orange.9">{t('control.board.noTopic')}</Text>}
          <Anchor component={Link} size="sm" to={`/school/${schoolId}/lessons/${lesson.data.id}`}>{t('control.board.openLesson')}</Anchor>
          <Anchor component={Link} size="sm" to={`/school/${schoolId}/journal/${lesson.data.groupId}`}>{t('control.board.openJournal')}</Anchor>
        </Group>
      )}
      {(lesson.isError || student.isError) && <ErrorAlert error={lesson.error ?? student.error} />}
      {audit.isError && <ErrorAlert error={audit.error} />}
      {audit.isPending && <FullPageLoader />}
      {audit.isSuccess && entries.length === 0 && <Alert color="gray" role="status">{t('control.audit.empty')}</Alert>}
      {entries.length > 0 && (
        <div className="control-scroll">
          <Table striped verticalSpacing={6} className="control-table control-audit">
            <Table.Caption>{t('control.audit.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control.audit.when')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.who')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.address')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.what')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.change.title')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => <EntryRow key={e.seq} entry={e} names={names} schoolId={schoolId} showLesson={!filter.lessonId} />)}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {audit.hasNextPage && (
        <Button variant="default" mt="sm" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>{t('control.audit.more')}</Button>
      )}
    </section>
  );
}

function EntryRow({ entry, names, schoolId, showLesson }: { entry: AuditEntry; names: Names; schoolId: string; showLesson: boolean }) {
  const { t } = useTranslation();
  const lines = describeChange(entry, names);
  const roles = entry.actor.roles ? entry.actor.roles.split(',').map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ') : '';
  const lessonId = showLesson ? lessonIdOf(entry) : null;
  return (
    <Table.Tr>
      <Table.Td className="control-nowrap">{formatInstant(entry.at)}</Table.Td>
      <Table.Td>
        <Text size="sm">{entry.actor.name}</Text>
        {roles && <Text size="xs" c="dimmed">{roles}</Text>}
      </Table.Td>
      <Table.Td className="control-nowrap">{entry.address ?? '—'}</Table.Td>
      <Table.Td>
        {t(`control.audit.entities.${entry.entity}`, { defaultValue: entry.entity })}
        {' · '}{t(`control.audit.operations.${entry.operation}`)}
        {lessonId && <><br /><Anchor component={Link} size="xs" to={`/school/${schoolId}/audit?lesson=${lessonId}`}>{t('control.audit.lessonLink')}</Anchor></>}
      </Table.Td>
      <Table.Td>
        {lines.length === 0 ? '—' : lines.map((l, i) => <Text key={i} size="sm">{t(`control.audit.change.${l.key}`, l.params)}</Text>)}
      </Table.Td>
      <Table.Td>{entry.reason ?? '—'}</Table.Td>
    </Table.Tr>
  );
}
