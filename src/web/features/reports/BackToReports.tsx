import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

/** The way back from a report's page to the hub «Отчёты». */
export function BackToReports() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  return <Anchor component={Link} to={`/school/${schoolId}/reports`} size="sm">{t('reports.hub.back')}</Anchor>;
}
