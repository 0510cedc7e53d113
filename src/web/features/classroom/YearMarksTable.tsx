import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClassOverview } from '../../../shared/contract/classroom.ts';

/**
 * Seed 002, 4.3.11; 003, 2.9: the сводная ведомость of the year where the class has exam or final
 * marks (grades 9 and 11, examined disciplines): per student and subject the year, exam and final mark.
 */
export function YearMarksTable({ data }: { data: ClassOverview }) {
  const { t } = useTranslation();
  const { subjects, items } = data.yearMarks;
  if (!items.some((i) => i.exam !== null || i.final !== null)) return null;
  const byKey = new Map(items.map((i) => [`${i.studentId}|${i.subjectId}`, i]));
  const mark = (value: string | null) => (value === null ? '—' : t(`classroom.periodMarks.${value}`, { defaultValue: value }));
  const caption = t('classroom.yearMarks.caption', { name: data.class.name });
  return (
    <section aria-labelledby="year-marks-title">
      <Title order={2} size="h4" id="year-marks-title" mb="xs">{t('classroom.yearMarks.title')}</Title>
      <div className="classroom-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table className="classroom-table" withColumnBorders>
          <caption>{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2} className="classroom-sticky">{t('classroom.student')}</Table.Th>
              {subjects.map((s) => <Table.Th key={s.id} scope="colgroup" colSpan={3}>{s.name}</Table.Th>)}
            </Table.Tr>
            <Table.Tr>
              {subjects.flatMap((s) => [
                <Table.Th key={`${s.id}-y`} scope="col">{t('classroom.yearMarks.year')}</Table.Th>,
                <Table.Th key={`${s.id}-e`} scope="col">{t('classroom.yearMarks.exam')}</Table.Th>,
                <Table.Th key={`${s.id}-f`} scope="col">{t('classroom.yearMarks.final')}</Table.Th>,
              ])}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.students.map((student) => (
              <Table.Tr key={student.id}>
                <Table.Th scope="row" className="classroom-sticky">{student.shortName}</Table.Th>
                {subjects.flatMap((s) => {
                  const item = byKey.get(`${student.id}|${s.id}`);
                  return [
                    <Table.Td key={`${s.id}-y`}>{mark(item?.year ?? null)}</Table.Td>,
                    <Table.Td key={`${s.id}-e`}>{mark(item?.exam ?? null)}</Table.Td>,
                    <Table.Td key={`${s.id}-f`} fw={700}>{mark(item?.final ?? null)}</Table.Td>,
                  ];
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}
