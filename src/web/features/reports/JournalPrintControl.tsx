import { Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addYears, isDate } from '../../../shared/domain/calendar.ts';
import { journalPagesUrl } from './api.ts';

/**
 * «Печать журнала» (seed 001 §6.3): the journal of a group's subject from–to (the shown period by
 * default, any dates up to a year) as paper-journal pages in one PDF, downloaded by a plain link.
 */
export function JournalPrintControl({ schoolId, groupId, subjectId, from: defaultFrom, to: defaultTo }: {
  schoolId: string; groupId: string; subjectId: string; from: string; to: string;
}) {
  const { t } = useTranslation();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = range?.from ?? defaultFrom;
  const to = range?.to ?? defaultTo;
  const valid = isDate(from) && isDate(to);
  const problem = !valid ? null : from > to ? t('reports.journalPrint.backwards') : to >= addYears(from, 1) ? t('reports.journalPrint.tooLong') : null;
  return (
    <Popover position="bottom-end" withArrow shadow="md" onClose={() => setRange(null)}>
      <Popover.Target>
        <Button variant="default">{t('reports.journalPrint.button')}</Button>
      </Popover.Target>
      <Popover.Dropdown maw="min(380px, calc(100vw - 16px))">
        <Stack gap="xs" component="section" aria-label={t('reports.journalPrint.title')}>
          <Text fw={600}>{t('reports.journalPrint.title')}</Text>
          <Text size="xs" c="dimmed">{t('reports.journalPrint.intro')}</Text>
          <Group gap="xs" grow>
            <TextInput type="date" size="sm" label={t('reports.journalPrint.from')} value={from} onChange={(e) => setRange({ from: e.currentTarget.value, to })} />
            <TextInput type="date" size="sm" label={t('reports.journalPrint.to')} value={to} error={problem}
              onChange={(e) => setRange({ from, to: e.currentTarget.value })} />
          </Group>
          <Button component="a" size="sm" href={valid && !problem ? journalPagesUrl(schoolId, { groupId, subjectId, from, to }) : undefined}
            download disabled={!valid || problem !== null}>
            {t('reports.journalPrint.download')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
