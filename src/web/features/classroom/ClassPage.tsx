import { Alert, Group, NativeSelect, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { AbsencesTab } from './AbsencesTab.tsx';
import { ClassBoard } from '../control/ClassBoard.tsx';
import { AccessTab } from './AccessTab.tsx';
import { DataCheckPanel } from './DataCheckPanel.tsx';
import { CLASS_TABS, tabOf } from './model.ts';
import { OverviewTab } from './OverviewTab.tsx';
import { ParentsTab } from './ParentsTab.tsx';
import { PersonalTab } from './PersonalTab.tsx';
import { useClassList } from './useClassList.ts';
import './classroom.css';

/** `/school/:schoolId/class/:classId?tab=`: the class teacher's / curator's screens of one class. */
export function ClassPage() {
  const { t } = useTranslation();
  const { schoolId = '', classId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { access, college, years, year, classes, list, error } = useClassList(schoolId);
  const current = list.find((c) => c.id === classId);
  const tab = tabOf(search.get('tab'));

  if (error) return <ErrorAlert error={error} />;
  if (years.isPending || (year && classes.isPending)) return <FullPageLoader />;
  // Not a class this person keeps (the API answers 404 too): nothing about it is shown.
  if (!current) {
    return (
      <Alert color="red" variant="light" title={t('classroom.notFoundTitle')} role="alert">{t('classroom.notFound')}</Alert>
    );
  }

  const setTab = (value: string | null) => setSearch((prev) => {
    const next = new URLSearchParams(prev);
    next.set('tab', tabOf(value));
    return next;
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="end" wrap="wrap" gap="sm">
        <Title order={1} size="h2">{t(college ? 'classroom.groupName' : 'classroom.className', { name: current.name })}</Title>
        {list.length > 1 && (
          <NativeSelect
            label={t(college ? 'classroom.pickGroup' : 'classroom.pickClass')}
            className="classroom-picker"
            value={current.id}
            onChange={(event) => void navigate(`/school/${schoolId}/class/${event.currentTarget.value}?tab=${tab}`)}
            data={list.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
      </Group>
      <DataCheckPanel key={current.id} schoolId={schoolId} classId={classId} canCheck={access.canCheckData} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List className="classroom-tabs" aria-label={t('classroom.tabsLabel')}>
          {CLASS_TABS.map((value) => <Tabs.Tab key={value} value={value}>{t(`classroom.tabs.${value}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md"><OverviewTab schoolId={schoolId} classId={classId} college={college} /></Tabs.Panel>
        <Tabs.Panel value="absences" pt="md"><AbsencesTab schoolId={schoolId} classId={classId} canConfirm={access.canConfirm} /></Tabs.Panel>
        <Tabs.Panel value="access" pt="md"><AccessTab schoolId={schoolId} classId={classId} canIssue={access.canIssue} /></Tabs.Panel>
        <Tabs.Panel value="parents" pt="md"><ParentsTab schoolId={schoolId} classId={classId} /></Tabs.Panel>
        <Tabs.Panel value="personal" pt="md"><PersonalTab schoolId={schoolId} classId={classId} canEdit={access.canEdit} /></Tabs.Panel>
        <Tabs.Panel value="control" pt="md"><ClassBoard schoolId={schoolId} classId={classId} className={current.name} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
