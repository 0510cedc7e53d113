import { Alert, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { todayIso } from '../diary/dates.ts';
import { useMyFlags, usePeriods, useYears } from './api.ts';
import { formatDate } from './auditText.ts';
import { FlagTable } from './FlagTable.tsx';
import { remarkedFirst } from './flags.ts';
import { sortPeriods } from './periods.ts';
import './control.css';

/**
 * `/school/:schoolId/my-control`: a teacher's own compliance flags and the deputy's remarks on them
 * (seed 001, 6.2: the results of the journal's checks reach the teachers). Only his own: the
 * server answers for the caller's staff record, never another's.
 */
export function MyControlPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const today = todayIso();
  const years = useYears(schoolId);
  const year = years.data ? currentYear(years.data, today) : undefined;
  const periods = usePeriods(schoolId, year?.id);
  const sorted = sortPeriods(periods.data ?? []);
  const period = sorted.find((p) => p.id === search.get('period')) ?? defaultPeriod(sorted, today);
  const flags = useMyFlags(schoolId, { from: period?.startsOn, to: period?.endsOn });
  const list = remarkedFirst(flags.data?.byTeacher.flatMap((g) => g.flags) ?? []);
  const remarks = list.reduce((n, f) => n + f.remarks.length, 0);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('control.my.title')}</Title>
      <Text size="sm" c="dimmed">{t('control.my.intro')}</Text>
      {(years.isError || periods.isError) && <ErrorAlert error={years.error ?? periods.error} />}
      <NativeSelect
        label={t('control.period')}
        maw={420}
        value={period?.id ?? ''}
        onChange={(e) => setSearch({ period: e.currentTarget.value }, { replace: true })}
        data={sorted.map((p) => ({ value: p.id, label: `${p.name} (${formatDate(p.startsOn)} – ${formatDate(p.endsOn)})` }))}
      />
      {flags.isError && <ErrorAlert error={flags.error} />}
      {flags.isPending && !!period && <FullPageLoader />}
      {!period && periods.isSuccess && <Alert color="gray" role="status">{t('control.noPeriods')}</Alert>}
      {flags.data && (list.length === 0
        ? <Alert color="green" variant="light" role="status">{t('control.my.none')}</Alert>
        : (
          <>
            <Text role="status">{t('control.my.summary', { count: list.length, remarks })}</Text>
            <FlagTable
              flags={list} schoolId={schoolId} periodId={period?.id ?? ''} caption={t('control.my.caption')}
              canRemark={false} links={{ journal: true, history: false }}
            />
          </>
        ))}
    </Stack>
  );
}
