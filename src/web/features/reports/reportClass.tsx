import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClassList } from '../classroom/useClassList.ts';
import { usePeriods } from '../control/api.ts';
import { sortPeriods } from '../control/periods.ts';

/**
 * The class a one-class report is about (the first one offered until the person picks another)
 * and the periods of its grade, in date order: what the summary, attendance and forecast screens share.
 */
export function useReportClass(schoolId: string) {
  const { year, list, error, access } = useClassList(schoolId);
  const [classChoice, setClassChoice] = useState('');
  const klass = list.find((c) => c.id === classChoice) ?? list[0];
  const periods = usePeriods(schoolId, year?.id);
  const ofClass = sortPeriods(periods.data ?? []).filter((p) => klass && p.gradeFrom <= klass.grade && klass.grade <= p.gradeTo);
  return { year, list, klass, setClassChoice, periods, ofClass, error, wholeSchool: access.wholeSchool };
}

/** The class selector of a one-class report. */
export function ReportClassSelect({ report }: { report: ReturnType<typeof useReportClass> }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('reports.summary.class')}
      value={report.klass?.id ?? ''}
      onChange={(e) => report.setClassChoice(e.currentTarget.value)}
      data={report.list.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
