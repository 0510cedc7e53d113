import { Anchor, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useRoster } from './api.ts';

/** «Родители»: the guardians of each student with their relation and contacts (seed 002, 4.3.10). */
export function ParentsTab({ schoolId, classId }: { schoolId: string; classId: string }) {
  const { t } = useTranslation();
  const roster = useRoster(schoolId, classId);
  if (roster.isError) return <ErrorAlert error={roster.error} />;
  if (!roster.data) return <FullPageLoader />;
  if (roster.data.items.length === 0) return <Text role="status">{t('classroom.noStudents')}</Text>;
  return (
    <div className="classroom-scroll" tabIndex={0} role="region" aria-label={t('classroom.parents.caption')}>
      <Table className="classroom-table">
        <caption>{t('classroom.parents.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('classroom.student')}</Table.Th>
            <Table.Th scope="col">{t('classroom.parents.guardian')}</Table.Th>
            <Table.Th scope="col">{t('classroom.parents.relation')}</Table.Th>
            <Table.Th scope="col">{t('classroom.fields.phone')}</Table.Th>
            <Table.Th scope="col">{t('classroom.fields.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roster.data.items.map(({ student, guardians }) => (
            <Fragment key={student.id}>
              {guardians.length === 0 && (
                <Table.Tr>
                  <Table.Th scope="row">{student.fullName}</Table.Th>
                  <Table.Td colSpan={4}><Text size="sm" c="dimmed">{t('classroom.parents.none')}</Text></Table.Td>
                </Table.Tr>
              )}
              {guardians.map((g, index) => (
                <Table.Tr key={g.id}>
                  {index === 0 && <Table.Th scope="row" rowSpan={guardians.length}>{student.fullName}</Table.Th>}
                  <Table.Td>{g.fullName}</Table.Td>
                  <Table.Td>{t(`classroom.relations.${g.relation}`)}</Table.Td>
                  <Table.Td className="classroom-nowrap">{g.phone ? <Anchor href={`tel:${g.phone}`}>{g.phone}</Anchor> : '—'}</Table.Td>
                  <Table.Td>{g.email ? <Anchor href={`mailto:${g.email}`}>{g.email}</Anchor> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
