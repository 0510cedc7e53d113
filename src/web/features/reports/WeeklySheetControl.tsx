import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate, mondayOf, todayIso } from '../diary/dates.ts';
import { weeklySheetsUrl } from './api.ts';

/**
 * The parents' weekly sheet (seed 001 §4.3.6): a week (any day of it; the sheet starts on its
 * Monday) and a link to the whole class's sheets, half an A4 page per student, in one PDF.
 */
export function WeeklySheetControl({ schoolId, classId, className }: { schoolId: string; classId: string; className: string }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(todayIso());
  const week = isIsoDate(day) ? mondayOf(day) : null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="weekly-sheet-title">
      <Title order={2} size="h4" id="weekly-sheet-title">{t('reports.weeklySheet.title')}</Title>
      <Text size="sm">{t('reports.weeklySheet.intro')}</Text>
      <Group gap="sm" align="flex-end">
        <TextInput type="date" label={t('reports.weeklySheet.week')} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
        {week && (
          <Button component="a" variant="default" size="sm" href={weeklySheetsUrl(schoolId, classId, week)} download>
            {t('reports.weeklySheet.download', { name: className })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
