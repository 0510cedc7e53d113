import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import type { ControlGroup } from '../../../shared/contract/control.ts';
import { COMPLIANCE_FLAG_KINDS } from '../../../shared/domain/compliance.ts';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useClasses, useFlags, usePeriods, useStaff, useYears } from './api.ts';
import { formatDate } from './auditText.ts';
import { FlagTable } from './FlagTable.tsx';
import { sortPeriods } from './periods.ts';
import './control.css';

const SHOWN = 30;

/** `/school/:schoolId/control`: the compliance board of the deputy and the director. */
export function ControlPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const me = useMe().data as Me;
  const canRemark = (me.permissions[schoolId] ?? []).includes('control.remark');
  const today = todayIso();
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, today) : undefined;
  const periods = usePeriods(schoolId, year?.id);
  const classes = useClasses(schoolId, year?.id);
  const staff = useStaff(schoolId);
  const sorted = sortPeriods(periods.data ?? []);
  const period = sorted.find((p) => p.id === search.get('period')) ?? defaultPeriod(sorted, today);
  const kind = COMPLIANCE_FLAG_KINDS.find((k) => k === search.get('kind'));
  const staffId = search.get('teacher') ?? '';
  const classId = search.get('class') ?? '';
  const by = search.get('by') === 'class' ? 'class' : 'teacher';
  const flags = useFlags(schoolId, { from: period?.startsOn, to: period?.endsOn, staffId: staffId || undefined, classId: classId || undefined });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  const groups = flags.data ? (by === 'class' ? flags.data.byClass : flags.data.byTeacher) : [];
  const visible = groups
    .map((g) => ({ ...g, flags: kind ? g.flags.filter((f) => f.kind === kind) : g.flags }))
    .filter((g) => g.flags.length > 0);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('control.board.title')}</Title>
      <Alert color="blue" variant="light">{t('control.board.neverBlocks')}</Alert>
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}

      <form className="control-filters" aria-label={t('control.board.filters')} onSubmit={(e) => e.preventDefault()}>
        <NativeSelect
          label={t('control.period')}
          value={period?.id ?? ''}
          onChange={(e) => set('period', e.currentTarget.value)}
          data={sorted.map((p) => ({ value: p.id, label: `${p.name} (${formatDate(p.startsOn)} – ${formatDate(p.endsOn)})` }))}
        />
        <NativeSelect
          label={t('control.board.kind')}
          value={kind ?? ''}
          onChange={(e) => set('kind', e.currentTarget.value)}
          data={[{ value: '', label: t('control.board.allKinds') }, ...COMPLIANCE_FLAG_KINDS.map((k) => ({ value: k, label: t(`control.kinds.${k}`) }))]}
        />
        <NativeSelect
          label={t('control.board.teacher')}
          value={staffId}
          onChange={(e) => set('teacher', e.currentTarget.value)}
          data={[{ value: '', label: t('control.board.allTeachers') }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.shortName }))]}
        />
        <NativeSelect
          label={t('control.board.class')}
          value={classId}
          onChange={(e) => set('class', e.currentTarget.value)}
          data={[{ value: '', label: t('control.board.allClasses') }, ...(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Radio.Group label={t('control.board.groupBy')} value={by} onChange={(v) => set('by', v === 'class' ? 'class' : '')}>
          <Group gap="md" mt={6}>
            <Radio value="teacher" label={t('control.board.byTeacher')} />
            <Radio value="class" label={t('control.board.byClass')} />
          </Group>
        </Radio.Group>
      </form>

      {flags.isError && <ErrorAlert error={flags.error} />}
      {(flags.isPending && !!period) && <FullPageLoader />}
      {!period && periods.isSuccess && <Alert color="gray" role="status">{t('control.noPeriods')}</Alert>}
      {flags.data && (
        <>
          <section aria-labelledby="control-totals">
            <Title order={2} size="h4" id="control-totals" mb="xs">{t('control.board.totals')}</Title>
            <ul className="control-totals">
              {COMPLIANCE_FLAG_KINDS.map((k) => (
                <li key={k}>
                  <Card withBorder padding="xs" className={k === kind ? 'control-total control-total-active' : 'control-total'}>
                    <Text size="xl" fw={700}>{flags.data.totals[k] ?? 0}</Text>
                    <Anchor component="button" type="button" size="sm" onClick={() => set('kind', k === kind ? '' : k)} aria-pressed={k === kind}>
                      {t(`control.kinds.${k}`)}
                    </Anchor>
                  </Card>
                </li>
              ))}
            </ul>
          </section>
          {visible.length === 0
            ? <Alert color="green" variant="light" role="status">{t('control.board.none')}</Alert>
            : visible.map((g) => (
              <GroupCard
                key={`${by}-${g.id ?? 'none'}-${kind ?? ''}`} group={g} schoolId={schoolId} periodId={period?.id ?? ''} by={by}
                defaultOpen={visible.length <= 2} canRemark={canRemark}
              />
            ))}
        </>
      )}
    </Stack>
  );
}

function GroupCard({ group, schoolId, periodId, by, defaultOpen, canRemark }: {
  group: ControlGroup; schoolId: string; periodId: string; by: 'teacher' | 'class'; defaultOpen: boolean; canRemark: boolean;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState(defaultOpen);
  const shown = all ? group.flags : group.flags.slice(0, SHOWN);
  const headingId = `control-group-${by}-${group.id ?? 'none'}`;
  const counts = COMPLIANCE_FLAG_KINDS.filter((k) => (group.counts[k] ?? 0) > 0);
  return (
    <Card withBorder component="section" aria-labelledby={headingId} className="control-group">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h4" id={headingId}>{group.name || t('control.board.unnamed')}</Title>
        <Badge color="orange" variant="light" size="lg">{t('control.board.flagCount', { count: group.flags.length })}</Badge>
      </Group>
      <Group gap={6} mb="xs" wrap="wrap">
        {counts.map((k) => <Badge key={k} variant="light" color="gray">{t(`control.kinds.${k}`)}: {group.counts[k]}</Badge>)}
      </Group>
      <Group>
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls={`${headingId}-flags`}>
          {open ? t('control.board.hide') : t('control.board.show', { count: group.flags.length })}
        </Button>
      </Group>
      {open && (
      <div id={`${headingId}-flags`}>
        <FlagTable flags={shown} schoolId={schoolId} periodId={periodId} caption={t('control.board.caption', { name: group.name })} canRemark={canRemark} />
      </div>
      )}
      {open && group.flags.length > SHOWN && !all && (
        <Button variant="subtle" mt="xs" onClick={() => setAll(true)}>{t('control.board.showAll', { count: group.flags.length })}</Button>
      )}
    </Card>
  );
}
