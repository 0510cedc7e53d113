import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useOverview } from './api.ts';
import { cellIndex, cellTone, meanText } from './model.ts';
import { YearMarksTable } from './YearMarksTable.tsx';

/** «Успеваемость»: students × subjects of a period (marks, mean, debts, period mark) and absences. */
export function OverviewTab({ schoolId, classId, college }: { schoolId: string; classId: string; college: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const overview = useOverview(schoolId, classId, search.get('period'));
  if (overview.isError) return <ErrorAlert error={overview.error} />;
  if (!overview.data) return <FullPageLoader />;
  const data = overview.data;
  const cells = cellIndex(data);
  const absences = new Map(data.absences.map((a) => [a.studentId, a]));
  const setPeriod = (periodId: string) => setSearch((prev) => {
    const next = new URLSearchParams(prev);
    next.set('period', periodId);
    return next;
  });

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('classroom.period')}
        className="classroom-picker"
        value={data.period.id}
        onChange={(event) => setPeriod(event.currentTarget.value)}
        data={data.periods.map((p) => ({ value: p.id, label: p.name }))}
      />
      {data.students.length === 0 ? (
        <Text role="status">{t('classroom.overview.empty')}</Text>
      ) : (
        <div className="classroom-scroll" tabIndex={0} role="region" aria-label={t(college ? 'classroom.overview.captionGroup' : 'classroom.overview.caption', { name: data.class.name, period: data.period.name })}>
          <Table className="classroom-table classroom-overview" withColumnBorders>
            <caption>{t(college ? 'classroom.overview.captionGroup' : 'classroom.overview.caption', { name: data.class.name, period: data.period.name })}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" className="classroom-sticky">{t('classroom.student')}</Table.Th>
                {data.subjects.map((s) => <Table.Th key={s.id} scope="col">{s.name}</Table.Th>)}
                <Table.Th scope="col">{t('classroom.overview.absences')}</Table.Th>
                <Table.Th scope="col">{t('classroom.overview.missed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.students.map((student) => {
                const a = absences.get(student.id);
                return (
                  <Table.Tr key={student.id}>
                    <Table.Th scope="row" className="classroom-sticky">
                      {student.shortName}
                      {student.left && <Text span size="xs" c="dimmed"> {t('classroom.overview.left')}</Text>}
                    </Table.Th>
                    {data.subjects.map((subject) => {
                      const cell = cells.get(`${student.id}|${subject.id}`);
                      const tone = cellTone(cell);
                      return (
                        <Table.Td key={subject.id} className={`classroom-cell classroom-cell-${tone}`}>
                          {cell ? (
                            <>
                              <span className="classroom-mean">{meanText(cell.mean)}</span>
                              <span className="classroom-count">{t('classroom.overview.count', { count: cell.count })}</span>
                              {cell.debts > 0 && <span className="classroom-note">{t('classroom.overview.debts', { count: cell.debts })}</span>}
                              {cell.periodMark && <span className="classroom-note">{t('classroom.overview.periodMark', { mark: t(`classroom.periodMarks.${cell.periodMark}`, { defaultValue: cell.periodMark }) })}</span>}
                            </>
                          ) : '—'}
                        </Table.Td>
                      );
                    })}
                    <Table.Td className="classroom-nowrap">
                      {a ? t('classroom.overview.codes', { absent: a.absent, ill: a.ill, excused: a.excused, late: a.late }) : '—'}
                    </Table.Td>
                    <Table.Td>{a?.missedLessons ?? 0}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Text size="sm" c="dimmed">{t('classroom.overview.legend')}</Text>
      <YearMarksTable data={data} />
    </Stack>
  );
}
