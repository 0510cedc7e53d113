import { Alert, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../../../shared/contract/structure.ts';
import type { Slot } from '../../../../../shared/contract/timetable.ts';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import { useList, useWrite } from '../api.ts';
import { CrudSection, toNumber } from '../EntityEditor.tsx';
import { useCrud } from '../useCrud.ts';
import { pickOptions, ruDate, type YearStepProps } from './common.ts';
import { useNames } from './LoadStep.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

/** Step 9: the timetable of each group (weekday, lesson, subject, teacher, room) and «Создать уроки». */
export function TimetableStep({ schoolId, year }: YearStepProps) {
  const { t } = useTranslation();
  const crud = useCrud(schoolId);
  const names = useNames(schoolId, year.id);
  const rooms = useList<Room>(schoolId, 'rooms');
  const [picked, setPicked] = useState('');
  const groupId = picked || names.groups[0]?.id || '';
  const slots = useList<Slot>(schoolId, 'timetable-slots', { academicYearId: year.id, groupId }, Boolean(groupId));
  const roomName = (id: string | null) => rooms.data?.items.find((r) => r.id === id)?.name ?? '—';
  const weekdays = WEEKDAYS.slice(0, year.weekDays);
  const choose = t('admin.setup.choose');
  return (
    <Stack gap="lg">
      {names.groups.length === 0
        ? <Text>{t('admin.setup.timetable.noGroups')}</Text>
        : (
          <>
            <NativeSelect label={t('admin.setup.timetable.group')} value={groupId} maw={320} onChange={(e) => setPicked(e.currentTarget.value)}
              data={names.groups.map((g) => ({ value: g.id, label: g.name }))} />
            <CrudSection key={groupId} title={t('admin.setup.timetable.title', { name: names.groupName(groupId) })} query={slots} rowKey={(s) => s.id}
              nameOf={(s) => `${t(`admin.setup.timetable.weekdays.${s.weekday}`)}, ${s.lessonNumber}`}
              sort={(a, b) => a.weekday - b.weekday || a.lessonNumber - b.lessonNumber} remove={crud.remove} deletePath={(s) => `timetable-slots/${s.id}`}
              columns={[
                { key: 'day', label: t('admin.setup.timetable.weekday'), render: (s) => t(`admin.setup.timetable.weekdays.${s.weekday}`) },
                { key: 'n', label: t('admin.setup.timetable.lessonNumber'), render: (s) => s.lessonNumber },
                { key: 'subject', label: t('admin.setup.load.subject'), render: (s) => names.subjectName(s.subjectId) },
                { key: 'teacher', label: t('admin.setup.load.teacher'), render: (s) => names.staffName(s.staffId) },
                { key: 'room', label: t('admin.setup.timetable.room'), render: (s) => roomName(s.roomId) },
                { key: 'valid', label: t('admin.setup.timetable.valid'), render: (s) => `${ruDate(s.validFrom)} — ${ruDate(s.validTo)}${s.weekParity ? ` (${t(`admin.setup.timetable.parity.${s.weekParity}`)})` : ''}` },
              ]}
              form={{
                title: t('admin.setup.timetable.add'), submitLabel: t('admin.setup.add'),
                fields: [
                  { name: 'weekday', label: t('admin.setup.timetable.weekday'), kind: 'select', options: weekdays.map((d) => ({ value: String(d), label: t(`admin.setup.timetable.weekdays.${d}`) })) },
                  { name: 'lessonNumber', label: t('admin.setup.timetable.lessonNumber'), kind: 'number', initial: '1', required: true },
                  { name: 'subjectId', label: t('admin.setup.load.subject'), kind: 'select', required: true, options: pickOptions(names.subjects, (s) => s.id, (s) => s.name, choose) },
                  { name: 'staffId', label: t('admin.setup.load.teacher'), kind: 'select', required: true, options: pickOptions(names.staff, (s) => s.id, (s) => s.fullName, choose) },
                  { name: 'roomId', label: t('admin.setup.timetable.room'), kind: 'select',
                    options: [{ value: '', label: t('admin.setup.none') }, ...(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))] },
                  { name: 'validFrom', label: t('admin.setup.timetable.validFrom'), kind: 'date', initial: year.startsOn, required: true },
                  { name: 'validTo', label: t('admin.setup.timetable.validTo'), kind: 'date', initial: year.endsOn, required: true },
                ],
                onSubmit: (v) => crud.post('timetable-slots', {
                  groupId, weekday: toNumber(v.weekday), lessonNumber: toNumber(v.lessonNumber), subjectId: v.subjectId, staffId: v.staffId,
                  roomId: v.roomId || null, validFrom: v.validFrom, validTo: v.validTo,
                }),
              }} />
          </>
        )}
      <Generate schoolId={schoolId} yearId={year.id} />
    </Stack>
  );
}

/** «Создать уроки»: dated lessons for every slot of the year on school days (holidays skipped). */
function Generate({ schoolId, yearId }: { schoolId: string; yearId: string }) {
  const { t } = useTranslation();
  const write = useWrite<unknown, { from: string; to: string; slots: number; inserted: number }>(schoolId);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('admin.setup.timetable.generateTitle')}</Title>
      <Text size="sm">{t('admin.setup.timetable.generateHint')}</Text>
      {write.isError && <ErrorAlert error={write.error} />}
      {write.data && (
        <Alert color="green" role="status">
          {t('admin.setup.timetable.generated', { inserted: write.data.inserted, slots: write.data.slots, from: ruDate(write.data.from), to: ruDate(write.data.to) })}
        </Alert>
      )}
      <Group><Button loading={write.isPending} onClick={() => write.mutate({ method: 'POST', path: 'lessons/generate', body: { academicYearId: yearId } })}>
        {t('admin.setup.timetable.generate')}
      </Button></Group>
    </Stack>
  );
}
