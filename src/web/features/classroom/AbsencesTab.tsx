import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Absence } from '../../../shared/contract/journal.ts';
import { ATTENDANCE_LETTERS } from '../../../shared/domain/attendance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { addDays, formatCompact, formatShort, isIsoDate, mondayOf, todayIso } from '../diary/dates.ts';
import { useAbsences, useConfirmAbsences, useSubjects } from './api.ts';

type Props = { schoolId: string; classId: string; canConfirm: boolean };

/** «Пропуски»: the week's absences of the class; the class teacher sets the reasons and confirms (seed 002, 4.3.8). */
export function AbsencesTab({ schoolId, classId, canConfirm }: Props) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('week');
  const monday = mondayOf(isIsoDate(requested) ? requested : todayIso());
  const sunday = addDays(monday, 6);
  const absences = useAbsences(schoolId, classId, monday, sunday);
  const subjects = useSubjects(schoolId);
  const confirm = useConfirmAbsences(schoolId, classId);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.id, s.name]));
  const items = absences.data ?? [];
  const week = t('classroom.absences.week', { from: formatShort(monday, i18n.language), to: formatShort(sunday, i18n.language) });

  const goTo = (date: string) => {
    setReasons({});
    confirm.reset();
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      next.set('week', date);
      return next;
    });
  };
  const reasonOf = (a: Absence) => reasons[a.id] ?? a.reason;
  const send = (chosen: Absence[]) => {
    const changed = Object.fromEntries(chosen.filter((a) => reasonOf(a).trim() !== a.reason).map((a) => [a.id, reasonOf(a).trim()]));
    confirm.mutate(
      { ids: chosen.map((a) => a.id), ...(Object.keys(changed).length ? { reasons: changed } : {}) },
      { onSuccess: () => setReasons((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !chosen.some((a) => a.id === id)))) },
    );
  };
  const pending = items.filter((a) => a.confirmedAt === null || reasonOf(a).trim() !== a.reason);

  return (
    <Stack gap="sm">
      <nav aria-label={t('classroom.absences.weeks')}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Button variant="default" onClick={() => goTo(addDays(monday, -7))}>← {t('classroom.absences.prev')}</Button>
          <Text fw={600} component="h2" size="md">{week}</Text>
          <Group gap="xs">
            {monday !== mondayOf(todayIso()) && <Button variant="subtle" onClick={() => goTo(mondayOf(todayIso()))}>{t('classroom.absences.thisWeek')}</Button>}
            <Button variant="default" onClick={() => goTo(addDays(monday, 7))}>{t('classroom.absences.next')} →</Button>
          </Group>
        </Group>
      </nav>
      {absences.isError && <ErrorAlert error={absences.error} />}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      {confirm.isSuccess && <Text role="status" c="green.9">{t('classroom.absences.saved', { count: confirm.data.items.length })}</Text>}
      {absences.isPending && <FullPageLoader />}
      {absences.isSuccess && items.length === 0 && <Text role="status">{t('classroom.absences.none')}</Text>}
      {items.length > 0 && (
        <>
          <div className="classroom-scroll" tabIndex={0} role="region" aria-label={t('classroom.absences.caption', { week })}>
            <Table className="classroom-table">
              <caption>{t('classroom.absences.caption', { week })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('classroom.absences.date')}</Table.Th>
                  <Table.Th scope="col">{t('classroom.student')}</Table.Th>
                  <Table.Th scope="col">{t('classroom.absences.subject')}</Table.Th>
                  <Table.Th scope="col">{t('classroom.absences.code')}</Table.Th>
                  <Table.Th scope="col">{t('classroom.absences.reason')}</Table.Th>
                  <Table.Th scope="col">{t('classroom.absences.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => {
                  const where = `${a.studentName}, ${formatCompact(a.date, i18n.language)}, ${t('classroom.absences.lesson', { number: a.lessonNumber })}`;
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td className="classroom-nowrap">{formatCompact(a.date, i18n.language)}, {t('classroom.absences.lesson', { number: a.lessonNumber })}</Table.Td>
                      <Table.Th scope="row">{a.studentName}</Table.Th>
                      <Table.Td>{subjectName.get(a.subjectId) ?? ''}</Table.Td>
                      <Table.Td><abbr title={t(`classroom.codes.${a.code ?? 'absent'}`)}>{a.code ? ATTENDANCE_LETTERS[a.code] : ''}</abbr></Table.Td>
                      <Table.Td className="classroom-reason">
                        <TextInput
                          aria-label={t('classroom.absences.reasonOf', { where })}
                          value={reasonOf(a)}
                          readOnly={!canConfirm}
                          maxLength={500}
                          onChange={(event) => { const value = event.currentTarget.value; setReasons((prev) => ({ ...prev, [a.id]: value })); }}
                        />
                      </Table.Td>
                      <Table.Td className="classroom-nowrap">
                        <Group gap="xs" wrap="nowrap">
                          {a.confirmedAt
                            ? <Badge color="green" variant="light" tt="none" className="classroom-badge">{t('classroom.absences.confirmed')}</Badge>
                            : <Badge color="orange" variant="light" tt="none" className="classroom-badge">{t('classroom.absences.unconfirmed')}</Badge>}
                          {canConfirm && (a.confirmedAt === null || reasonOf(a).trim() !== a.reason) && (
                            <Button size="xs" variant="default" loading={confirm.isPending} onClick={() => send([a])} aria-label={t('classroom.absences.confirmOne', { where })}>
                              {t('classroom.absences.confirm')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
          {canConfirm && (
            <Group>
              <Button onClick={() => send(pending)} disabled={pending.length === 0} loading={confirm.isPending}>
                {t('classroom.absences.confirmWeek', { count: pending.length })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
