import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDataChecks, useMarkDataChecked } from '../control/api.ts';
import { formatDate, formatInstant } from '../control/auditText.ts';

/**
 * Seed 001, 3.3: the class teacher (curator) keeps the students' data current and marks the class
 * as checked; the last check shows here, and a reminder once a month has passed (or never checked).
 */
export function DataCheckPanel({ schoolId, classId, canCheck }: { schoolId: string; classId: string; canCheck: boolean }) {
  const { t } = useTranslation();
  const checks = useDataChecks(schoolId, classId);
  const mark = useMarkDataChecked(schoolId, classId);
  if (checks.isError) return <ErrorAlert error={checks.error} />;
  if (!checks.data) return null;
  const { last, due, nextOn } = checks.data;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('classroom.dataCheck.title')}>
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <div>
          <Text size="sm" fw={600}>{t('classroom.dataCheck.title')}</Text>
          <Text size="sm" data-testid="data-check-last">
            {last
              ? t('classroom.dataCheck.last', { date: formatDate(last.checkedOn), name: last.checkedByName || '—', at: formatInstant(last.checkedAt) })
              : t('classroom.dataCheck.never')}
          </Text>
          {last && !due && nextOn && <Text size="xs" c="dimmed">{t('classroom.dataCheck.next', { date: formatDate(nextOn) })}</Text>}
        </div>
        {canCheck && (
          <Button size="sm" variant={due ? 'filled' : 'default'} loading={mark.isPending} onClick={() => mark.mutate()}>
            {t('classroom.dataCheck.mark')}
          </Button>
        )}
      </Group>
      {due && (
        <Alert color="yellow" variant="light" mt="xs" role="status" title={t('classroom.dataCheck.dueTitle')}>
          {last ? t('classroom.dataCheck.dueAfter', { date: formatDate(last.checkedOn) }) : t('classroom.dataCheck.dueNever')}
        </Alert>
      )}
      {mark.isSuccess && !due && <Text size="sm" c="green.9" role="status" mt={4}>{t('classroom.dataCheck.saved')}</Text>}
      {mark.isError && <ErrorAlert error={mark.error} />}
    </Paper>
  );
}
