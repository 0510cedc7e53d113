import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewedEntry } from '../../../shared/contract/audit.ts';
import { changedFields, valueKind } from './compromiseDiff.ts';

const STATUS_COLOR = { void: 'orange', reverted: 'blue', restored: 'blue', confirmed: 'green' } as const;

export type EntryDecision = 'revert' | 'confirm' | 'restore';

/** One value as a person reads it: «—», «да/нет», «другая запись», a code's name, or the value. */
export function showValue(t: TFunction, field: string, value: unknown, dateTime: Intl.DateTimeFormat): string {
  const kind = valueKind(field, value);
  switch (kind.kind) {
    case 'empty': return '—';
    case 'bool': return t(kind.value ? 'admin.compromise.yes' : 'admin.compromise.no');
    case 'reference': return t('admin.compromise.reference');
    case 'code': return t(`admin.compromise.codes.${kind.field}.${kind.value}`, { defaultValue: kind.value });
    case 'time': return dateTime.format(kind.at);
    case 'text': return kind.value;
  }
}

/**
 * A voided change: what, when, before → after, its state, and while it is under review: for a
 * journal change voided at once «Восстановить» / «Подтвердить аннулирование», for any other
 * «Откатить» / «Подтвердить».
 */
export function CompromiseChange({ entry, onDecide }: { entry: ReviewedEntry; onDecide?: (decision: EntryDecision) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const entity = t(`admin.compromise.entities.${entry.entity}`, { defaultValue: entry.entity });
  const fields = changedFields(entry.operation, entry.before, entry.after);
  const label = (field: string) => t(`admin.compromise.fields.${field}`, { defaultValue: field });
  return (
    <li aria-labelledby={headingId}>
      <Paper withBorder p="sm" radius="sm">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text fw={600} id={headingId}>
              {t('admin.compromise.changeHeading', { entity, operation: t(`admin.compromise.operations.${entry.operation}`), at: dateTime.format(new Date(entry.at)) })}
            </Text>
            <Badge color={STATUS_COLOR[entry.status]} variant="light">
              {t(entry.status === 'void' && entry.voidedAt ? 'admin.compromise.statuses.underReview' : `admin.compromise.statuses.${entry.status}`)}
            </Badge>
          </Group>
          {fields.length > 0 && (
            <dl className="compromise-fields">
              {fields.map((f) => (
                <div key={f.field}>
                  <dt>{label(f.field)}</dt>
                  <dd>
                    {entry.operation === 'update'
                      ? t('admin.compromise.fromTo', { before: showValue(t, f.field, f.before, dateTime), after: showValue(t, f.field, f.after, dateTime) })
                      : showValue(t, f.field, entry.operation === 'delete' ? f.before : f.after, dateTime)}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {entry.decidedAt && (
            <Text size="sm" c="dimmed">{t('admin.compromise.decidedAt', { at: dateTime.format(new Date(entry.decidedAt)) })}</Text>
          )}
          {onDecide && entry.status === 'void' && entry.voidedAt && (
            <Group gap="sm">
              <Button size="xs" onClick={() => onDecide('restore')}>{t('admin.compromise.do.restore')}</Button>
              <Button size="xs" variant="default" onClick={() => onDecide('confirm')}>{t('admin.compromise.do.confirmVoid')}</Button>
            </Group>
          )}
          {onDecide && entry.status === 'void' && !entry.voidedAt && (
            <Group gap="sm">
              <Button size="xs" color="red.9" onClick={() => onDecide('revert')}>{t('admin.compromise.do.revert')}</Button>
              <Button size="xs" variant="default" onClick={() => onDecide('confirm')}>{t('admin.compromise.do.confirm')}</Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </li>
  );
}
