import { Alert, Badge, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_FLAG_KINDS } from '../../../shared/domain/compliance.ts';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useClassFlags, usePeriods, useYears } from './api.ts';
import { formatDate } from './auditText.ts';
import { FlagTable } from './FlagTable.tsx';
import { sortPeriods } from './periods.ts';
import './control.css';

/**
 * The control board of one class (seed 001, 4.3.2): the class teacher / curator sees whether his
 * class's teachers set their marks on time, and tells the deputy when they do not.
 */
export function ClassBoard({ schoolId, classId, className }: { schoolId: string; classId: string; className: string }) {
  const { t } = useTranslation();
  const today = todayIso();
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, today) : undefined;
  const periods = usePeriods(schoolId, year?.id);
  const sorted = sortPeriods(periods.data ?? []);
  const [periodId, setPeriodId] = useState<string | null>(null);
  const period = sorted.find((p) => p.id === periodId) ?? defaultPeriod(sorted, today);
  const flags = useClassFlags(schoolId, classId, { from: period?.startsOn, to: period?.endsOn });
  const list = flags.data?.byTeacher.flatMap((g) => g.flags) ?? [];

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{t('control.classBoard.intro')}</Text>
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}
      <NativeSelect
        label={t('control.period')}
        maw={420}
        value={period?.id ?? ''}
        onChange={(e) => setPeriodId(e.currentTarget.value)}
        data={sorted.map((p) => ({ value: p.id, label: `${p.name} (${formatDate(p.startsOn)} – ${formatDate(p.endsOn)})` }))}
      />
      {flags.isError && <ErrorAlert error={flags.error} />}
      {flags.isPending && !!period && <FullPageLoader />}
      {flags.data && (
        <>
          <Group gap={6} wrap="wrap" aria-label={t('control.board.totals')} role="list">
            {COMPLIANCE_FLAG_KINDS.filter((k) => (flags.data.totals[k] ?? 0) > 0).map((k) => (
              <Badge key={k} role="listitem" variant="light" color="orange">{t(`control.kinds.${k}`)}: {flags.data.totals[k]}</Badge>
            ))}
          </Group>
          {list.length === 0
            ? <Alert color="green" variant="light" role="status">{t('control.board.none')}</Alert>
            : (
              <FlagTable
                flags={list} schoolId={schoolId} periodId={period?.id ?? ''} caption={t('control.classBoard.caption', { name: className })}
                canRemark={false} links={{ journal: true, history: false }}
              />
            )}
        </>
      )}
    </Stack>
  );
}
