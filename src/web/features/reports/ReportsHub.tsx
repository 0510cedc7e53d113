import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../../shared/contract/auth.ts';
import { useMe } from '../../api/auth.ts';
import { reportsFor } from './catalogue.ts';
import './reports.css';

/**
 * `/school/:schoolId/reports`: the hub «Отчёты» — one card per report the person may open
 * (catalogue.ts), each a link to its page with what it shows in one line.
 */
export function ReportsHub() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const me = useMe().data as Me;
  const reports = reportsFor(me, schoolId);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('reports.hub.title')}</Title>
      <Text size="sm">{t('reports.hub.intro')}</Text>
      {reports.length === 0 && <Text>{t('reports.hub.none')}</Text>}
      <ul className="reports-hub">
        {reports.map((report) => (
          <Card key={report.key} component="li" withBorder padding="md">
            <Anchor component={Link} to={`/school/${schoolId}/${report.path}`} fw={600}>
              {t(`reports.hub.items.${report.key}.title`)}
            </Anchor>
            <Text size="sm" c="dimmed">{t(`reports.hub.items.${report.key}.description`)}</Text>
          </Card>
        ))}
      </ul>
    </Stack>
  );
}
