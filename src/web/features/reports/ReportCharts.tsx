import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { useTranslation } from 'react-i18next';
import type { PeriodResults } from '../../../shared/contract/reports.ts';
import type { AttendanceWeek } from '../../../shared/contract/attendanceReports.ts';

// The reports' charts (recharts through @mantine/charts), in their own lazily loaded chunk: the
// diary and the other screens never download them. Each chart stands above the table with its figures.

const shortDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

/** Lessons missed week by week, stacked by reason (н, б, у). */
export function AttendanceWeeksChart({ weeks, label }: { weeks: readonly AttendanceWeek[]; label: string }) {
  const { t } = useTranslation();
  const data = weeks.map((w) => ({ week: shortDate(w.week), absent: w.absent, ill: w.ill, excused: w.excused }));
  return (
    <figure className="reports-chart" aria-label={label}>
      <BarChart
        h={260}
        data={data}
        dataKey="week"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        tickLine="y"
        barProps={{ isAnimationActive: false }}
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'absent', label: t('reports.attendance.chart.absent'), color: 'red.6' },
          { name: 'ill', label: t('reports.attendance.chart.ill'), color: 'orange.5' },
          { name: 'excused', label: t('reports.attendance.chart.excused'), color: 'blue.5' },
        ]}
      />
      <figcaption className="reports-chart-caption">{label}</figcaption>
    </figure>
  );
}

/** % успеваемости and % качества of each class, side by side (no bar for a class without results). */
export function ResultsByClassChart({ results, label }: { results: PeriodResults; label: string }) {
  const { t, i18n } = useTranslation();
  const data = results.classes.map((c) => ({ name: c.name, progress: c.figures.progressPercent, quality: c.figures.qualityPercent }));
  const format = new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 });
  return (
    <figure className="reports-chart" aria-label={label}>
      <BarChart
        h={280}
        data={data}
        dataKey="name"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        tickLine="y"
        barProps={{ isAnimationActive: false }}
        unit=" %"
        valueFormatter={(v) => format.format(v)}
        yAxisProps={{ domain: [0, 100] }}
        series={[
          { name: 'progress', label: t('reports.results.chart.progress'), color: 'teal.6' },
          { name: 'quality', label: t('reports.results.chart.quality'), color: 'indigo.5' },
        ]}
      />
      <figcaption className="reports-chart-caption">{label}</figcaption>
    </figure>
  );
}
