import { Group, NativeSelect, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import type { DiaryStudent } from '../../../shared/contract/diary.ts';
import './diary.css';

/**
 * The top of both diary pages: whose diary (with the child switcher when there are several) and
 * the two views, «Неделя» and «Оценки», as links (the address says which one is open).
 * `switchTo(schoolId, studentId)` is where the switcher goes, keeping the page's week or period.
 */
export function DiaryHeader({ students, schoolId, studentId, switchTo }: {
  students: readonly DiaryStudent[];
  schoolId: string;
  studentId: string;
  switchTo: (schoolId: string, studentId: string) => string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = students.find((s) => s.schoolId === schoolId && s.studentId === studentId);
  const base = `/diary/${schoolId}/${studentId}`;
  return (
    <>
      <Group justify="space-between" align="end" wrap="wrap" gap="sm">
        {/* The name's parts stay on one line: «Григорьев З. В.», never «Григорьев З.» / «В.». */}
        <Title order={1} size="h2" className="diary-title">
          {t('diary.title')}{current ? `: ${current.shortName.replace(/ /g, '\u00a0')}` : ''}
        </Title>
        {students.length > 1 && (
          <NativeSelect
            label={t('diary.student')}
            className="diary-switcher"
            value={current ? `${current.schoolId}/${current.studentId}` : ''}
            onChange={(event) => {
              const [nextSchool = '', nextStudent = ''] = event.currentTarget.value.split('/');
              void navigate(switchTo(nextSchool, nextStudent));
            }}
            data={[
              ...(current ? [] : [{ value: '', label: '—', disabled: true }]),
              ...students.map((s) => ({ value: `${s.schoolId}/${s.studentId}`, label: s.className ? `${s.shortName}, ${s.className}` : s.shortName })),
            ]}
          />
        )}
      </Group>
      {studentId && (
        <nav aria-label={t('diary.views')} className="diary-tabs">
          <NavLink to={base} end className="diary-tab">{t('diary.tabWeek')}</NavLink>
          <NavLink to={`${base}/marks`} className="diary-tab">{t('diary.tabMarks')}</NavLink>
        </nav>
      )}
    </>
  );
}
