import { Alert, Anchor, Badge, Button, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import type { Period } from '../../../shared/contract/calendar.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useAudit, useClosePeriod, useClosurePreview, useClosures, useGroups, usePeriods, useReopenPeriod, useSubjects, useYears } from './api.ts';
import { describeChange, formatDate, formatInstant } from './auditText.ts';
import { periodState, reopenRangeError, sortPeriods } from './periods.ts';
import './control.css';

/** `/school/:schoolId/periods`: close the year's periods and reopen them for named lessons, for a while. */
export function PeriodsPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const me = useMe().data as Me;
  const may = new Set(me.permissions[schoolId] ?? []);
  const today = todayIso();
  const years = useYears(schoolId);
  const [yearChoice, setYearChoice] = useState('');
  const year = years.data?.find((y) => y.id === yearChoice) ?? (years.data ? currentYear(years.data, today) : undefined);
  const periods = usePeriods(schoolId, year?.id);
  const sorted = sortPeriods(periods.data ?? []);
  const closures = useClosures(schoolId, sorted.map((p) => p.id));
  const [closing, setClosing] = useState<Period | null>(null);
  const [reopening, setReopening] = useState<Period | null>(null);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('control.periods.title')}</Title>
      <Text size="sm">{t('control.periods.intro')}</Text>
      {(years.data?.length ?? 0) > 1 && (
        <NativeSelect
          label={t('control.year')}
          value={year?.id ?? ''}
          onChange={(e) => setYearChoice(e.currentTarget.value)}
          data={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
          maw={320}
        />
      )}
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}
      {periods.isPending && year && <FullPageLoader />}
      {periods.isSuccess && sorted.length === 0 && <Alert color="gray" role="status">{t('control.noPeriods')}</Alert>}
      {sorted.length > 0 && (
        <div className="control-scroll">
          <Table verticalSpacing="sm" className="control-periods">
            <Table.Caption>{t('control.periods.caption', { year: year?.name ?? '' })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control.periods.period')}</Table.Th>
                <Table.Th scope="col">{t('control.periods.state')}</Table.Th>
                <Table.Th scope="col">{t('control.periods.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((p, i) => {
                const closure = closures[i];
                const state = periodState(closure?.data);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row">
                      <Text fw={700} size="sm">{p.name}</Text>
                      <Text size="xs">{formatDate(p.startsOn)} – {formatDate(p.endsOn)}</Text>
                      <Text size="xs">{t('control.periods.gradeRange', { from: p.gradeFrom, to: p.gradeTo })}</Text>
                    </Table.Th>
                    <Table.Td>
                      {closure?.isError ? <ErrorAlert error={closure.error} /> : closure?.isPending ? t('control.periods.loading') : (
                        <Stack gap={2}>
                          <Badge color={state.kind === 'open' ? 'green' : state.kind === 'closed' ? 'red' : 'orange'} variant="light">
                            {t(`control.periods.states.${state.kind}`)}
                          </Badge>
                          {state.kind !== 'open' && <Text size="xs">{t('control.periods.closedAt', { at: formatInstant(state.closedAt) })}</Text>}
                          {state.kind === 'reopened' && <Text size="xs">{t('control.periods.reopenedUntil', { until: formatInstant(state.until), count: state.count })}</Text>}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="wrap">
                        {state.kind === 'open' && closure?.isSuccess && may.has('period.close') && (
                          <Button size="xs" color="red" variant="light" onClick={() => setClosing(p)} aria-label={t('control.periods.closeNamed', { name: p.name })}>
                            {t('control.periods.close')}
                          </Button>
                        )}
                        {state.kind !== 'open' && may.has('period.reopen') && (
                          <Button size="xs" variant="light" onClick={() => setReopening(p)} aria-label={t('control.periods.reopenNamed', { name: p.name })}>
                            {t('control.periods.reopen')}
                          </Button>
                        )}
                        <Anchor component={Link} size="sm" to={`/school/${schoolId}/audit?period=${p.id}`}>{t('control.periods.history')}</Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <History schoolId={schoolId} periods={sorted} yearId={year?.id} />
      {closing && <CloseDialog schoolId={schoolId} period={closing} onDone={() => setClosing(null)} />}
      {reopening && <ReopenDialog schoolId={schoolId} period={reopening} yearId={year?.id} onDone={() => setReopening(null)} />}
    </Stack>
  );
}

function CloseDialog({ schoolId, period, onDone }: { schoolId: string; period: Period; onDone: () => void }) {
  const { t } = useTranslation();
  const close = useClosePeriod(schoolId);
  const preview = useClosurePreview(schoolId, period.id);
  const open = preview.data;
  const lines = open ? [
    open.ended ? null : t('control.periods.open.notEnded', { date: formatDate(open.endsOn) }),
    open.studentsWithoutMark > 0 ? t('control.periods.open.studentsWithoutMark', { count: open.studentsWithoutMark }) : null,
    open.lessonsWithoutTopic > 0 ? t('control.periods.open.lessonsWithoutTopic', { count: open.lessonsWithoutTopic }) : null,
    open.lessonsWithoutAttendance > 0 ? t('control.periods.open.lessonsWithoutAttendance', { count: open.lessonsWithoutAttendance }) : null,
  ].filter((line): line is string => line !== null) : [];
  return (
    <Modal opened lockScroll={false} onClose={onDone} title={t('control.periods.closeTitle', { name: period.name })} centered>
      <Stack gap="sm">
        <Text size="sm">{t('control.periods.closeText', { from: formatDate(period.startsOn), to: formatDate(period.endsOn) })}</Text>
        {preview.isPending && <Text size="sm" c="dimmed" role="status">{t('control.periods.open.checking')}</Text>}
        {preview.isError && <ErrorAlert error={preview.error} />}
        {open && lines.length === 0 && <Alert color="green" variant="light" role="status">{t('control.periods.open.nothing')}</Alert>}
        {open && lines.length > 0 && (
          <Alert color="orange" variant="light" title={t('control.periods.open.title')} role="status">
            <Stack component="ul" gap={2} m={0} pl="md">
              {lines.map((line) => <li key={line}>{line}</li>)}
            </Stack>
          </Alert>
        )}
        {close.isError && <ErrorAlert error={close.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>{t('control.cancel')}</Button>
          <Button color="red" loading={close.isPending} disabled={preview.isPending} onClick={() => close.mutate(period.id, { onSuccess: onDone })}>
            {lines.length > 0 ? t('control.periods.closeAnyway') : t('control.periods.closeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReopenDialog({ schoolId, period, yearId, onDone }: { schoolId: string; period: Period; yearId?: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const reopen = useReopenPeriod(schoolId);
  const groups = useGroups(schoolId, yearId);
  const subjects = useSubjects(schoolId);
  const [groupId, setGroupId] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [from, setFrom] = useState(period.startsOn);
  const [to, setTo] = useState(period.endsOn);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState<number | string>(24);
  const [checked, setChecked] = useState(false);
  const server = fieldErrors(reopen.error, i18n.language);
  const range = reopenRangeError(period, from, to);
  const inside = t('control.periods.inside', { from: formatDate(period.startsOn), to: formatDate(period.endsOn) });
  const local = {
    groupId: !groupId ? t('control.required') : undefined,
    fromDate: range === 'from' ? inside : undefined,
    toDate: range === 'to' ? inside : range === 'order' ? t('control.periods.notBefore') : undefined,
    reason: !reason.trim() ? t('control.periods.reasonRequired') : undefined,
    hours: typeof hours !== 'number' || hours < 1 || hours > 168 ? t('control.periods.hoursRange') : undefined,
  };
  const error = (field: keyof typeof local) => (checked ? local[field] : undefined) ?? server[field];
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    reopen.mutate({
      periodId: period.id,
      body: { groupId, subjectId: subjectId || undefined, fromDate: from, toDate: to, reason: reason.trim(), hours: hours as number },
    }, { onSuccess: onDone });
  };
  return (
    <Modal opened lockScroll={false} onClose={onDone} title={t('control.periods.reopenTitle', { name: period.name })} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('control.periods.reopenText')}</Text>
          <NativeSelect
            label={t('control.periods.group')}
            required
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
            error={error('groupId')}
            data={[{ value: '', label: t('control.choose') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          />
          <NativeSelect
            label={t('control.periods.subject')}
            value={subjectId}
            onChange={(e) => setSubjectId(e.currentTarget.value)}
            error={server.subjectId}
            data={[{ value: '', label: t('control.periods.allSubjects') }, ...(subjects.data ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))]}
          />
          <Group grow wrap="wrap" gap="sm">
            <TextInput type="date" label={t('control.periods.from')} required value={from} min={period.startsOn} max={period.endsOn}
              onChange={(e) => setFrom(e.currentTarget.value)} error={error('fromDate')} />
            <TextInput type="date" label={t('control.periods.to')} required value={to} min={period.startsOn} max={period.endsOn}
              onChange={(e) => setTo(e.currentTarget.value)} error={error('toDate')} />
          </Group>
          <Textarea label={t('control.periods.reason')} required autosize minRows={2} maxLength={1000} value={reason}
            onChange={(e) => setReason(e.currentTarget.value)} error={error('reason')} />
          <NumberInput label={t('control.periods.hours')} description={t('control.periods.hoursHint')} required min={1} max={168}
            allowDecimal={false} value={hours} onChange={setHours} error={error('hours')} />
          {reopen.isError && <ErrorAlert error={reopen.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onDone}>{t('control.cancel')}</Button>
            <Button type="submit" loading={reopen.isPending}>{t('control.periods.reopenConfirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Every closure and reopening of the school, newest first: who, with which role, when, why. */
function History({ schoolId, periods, yearId }: { schoolId: string; periods: Period[]; yearId?: string }) {
  const { t } = useTranslation();
  const closures = useAudit(schoolId, { entity: 'period_closures' });
  const reopenings = useAudit(schoolId, { entity: 'period_reopenings' });
  const groups = useGroups(schoolId, yearId);
  const subjects = useSubjects(schoolId);
  const names = {
    periods: new Map(periods.map((p) => [p.id, p.name])),
    groups: new Map((groups.data ?? []).map((g) => [g.id, g.name])),
    subjects: new Map((subjects.data ?? []).map((s) => [s.id, s.name])),
  };
  const periodIds = new Set(periods.map((p) => p.id));
  const entries = [...(closures.data?.pages ?? []), ...(reopenings.data?.pages ?? [])].flatMap((p) => p.items)
    .filter((e) => {
      const id = (e.after ?? e.before)?.period_id;
      return typeof id === 'string' && periodIds.has(id);
    })
    .sort((a, b) => b.seq - a.seq);
  return (
    <section aria-labelledby="periods-history">
      <Title order={2} size="h4" id="periods-history" mb="xs">{t('control.periods.historyTitle')}</Title>
      {(closures.isError || reopenings.isError) && <ErrorAlert error={closures.error ?? reopenings.error} />}
      {closures.isSuccess && reopenings.isSuccess && entries.length === 0 && <Text size="sm">{t('control.periods.noHistory')}</Text>}
      {entries.length > 0 && (
        <div className="control-scroll">
          <Table striped className="control-table">
            <Table.Caption>{t('control.periods.historyCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control.audit.when')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.who')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.what')}</Table.Th>
                <Table.Th scope="col">{t('control.audit.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td className="control-nowrap">{formatInstant(e.at)}</Table.Td>
                  <Table.Td>{e.actor.name}{e.actor.roles ? `, ${e.actor.roles.split(',').map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}` : ''}</Table.Td>
                  <Table.Td>{describeChange(e, names).map((l) => t(`control.audit.change.${l.key}`, l.params)).join('; ')}</Table.Td>
                  <Table.Td>{e.reason ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {(closures.hasNextPage || reopenings.hasNextPage) && (
        <Button variant="subtle" mt="xs" onClick={() => { void closures.fetchNextPage(); void reopenings.fetchNextPage(); }}>{t('control.audit.more')}</Button>
      )}
    </section>
  );
}
