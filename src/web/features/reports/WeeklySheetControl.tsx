import { Button, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../../../shared/domain/person.ts';
import { isIsoDate, mondayOf, todayIso } from '../diary/dates.ts';
import { useClassStudentsOn, weeklySheetsUrl } from './api.ts';

/**
 * The parents' weekly sheet (seed 001 §4.3.6): a week (any day of it; the sheet starts on its
 * Monday), optionally some of the class's students, and a link to their sheets (the whole class
 * when none is chosen), half an A4 page per student, in one PDF.
 */
export function WeeklySheetControl({ schoolId, classId, className }: { schoolId: string; classId: string; className: string }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(todayIso());
  const week = isIsoDate(day) ? mondayOf(day) : null;
  const students = useClassStudentsOn(schoolId, classId, week);
  const options = useMemo(() => (students.data ?? [])
    .map((s) => ({ value: s.id, label: fullName(s) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ru')), [students.data]);
  const [picked, setPicked] = useState<string[]>([]);
  // Only students of this class in this week are sent: a choice made for another week or class drops out.
  const chosen = picked.filter((id) => options.some((o) => o.value === id));
  return (
    <Stack gap="xs" component="section" aria-labelledby="weekly-sheet-title">
      <Title order={2} size="h4" id="weekly-sheet-title">{t('reports.weeklySheet.title')}</Title>
      <Text size="sm">{t('reports.weeklySheet.intro')}</Text>
      <Group gap="sm" align="flex-end">
        <TextInput type="date" label={t('reports.weeklySheet.week')} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
        <MultiSelect
          label={t('reports.weeklySheet.students')} placeholder={chosen.length === 0 ? t('reports.weeklySheet.wholeClass') : undefined}
          data={options} value={chosen} onChange={setPicked} searchable clearable miw={280} maw={520}
          nothingFoundMessage={t('reports.weeklySheet.nobody')}
        />
        {week && (
          <Button component="a" variant="default" size="sm" href={weeklySheetsUrl(schoolId, classId, week, chosen)} download>
            {chosen.length === 0 ? t('reports.weeklySheet.download', { name: className }) : t('reports.weeklySheet.downloadChosen', { count: chosen.length })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
