import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A section whose screen is not built yet. */
export function InProgress() {
  const { t } = useTranslation();
  return <Alert color="gray" role="status">{t('school.inProgress')}</Alert>;
}
