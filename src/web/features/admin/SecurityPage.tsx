import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { type SecurityEvent, useSecurityEvents } from './accountsApi.ts';
import { dayRange, detailPairs, deviceOf } from './securityFormat.ts';
import './accounts.css';

/** The kinds the server records (accounts/securityEvents.ts), in the order a filter lists them. */
export const SECURITY_KINDS = [
  'login.succeeded', 'login.failed', 'login.locked', 'login.mfa_required', 'logout', 'session.ended', 'sessions.ended_by_admin',
  'password.changed', 'password.reset_requested', 'password.reset', 'access.denied', 'role.granted', 'role.revoked',
  'account.locked', 'activation.issued', 'activation.failed', 'account.activated', 'email.changed', 'email.confirmed',
  'totp.enabled', 'totp.disabled', 'audit.verified', 'audit.verify_failed', 'job.failed',
  'backup.failed', 'backup.overdue', 'backup.downloaded', 'backup.download_refused',
] as const;

function Details({ event }: { event: SecurityEvent }) {
  const { t } = useTranslation();
  const pairs = detailPairs(event.details);
  if (pairs.length === 0) return null;
  return (
    <Text size="sm">
      {pairs.map(([key, value]) => {
        const shown = key === 'role' ? t(`roles.${value}`, { defaultValue: value })
          : key === 'reason' ? t(`admin.security.reasons.${value}`, { defaultValue: value })
          : key === 'job' ? t(`admin.security.jobs.${value}`, { defaultValue: value }) : value;
        return `${t(`admin.security.details.${key}`, { defaultValue: key })}: ${shown}`;
      }).join('; ')}
    </Text>
  );
}

/** «Безопасность»: the school's security-event log, newest first, with filters. */
export function SecurityPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const [kind, setKind] = useState('');
  const [login, setLogin] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const deferredLogin = useDeferredValue(login.trim());
  const events = useSecurityEvents(schoolId, { kind: kind || undefined, login: deferredLogin || undefined, ...dayRange(fromDay || null, toDay || null) });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('admin.security.title')}</Title>
      <Group align="end" gap="sm" wrap="wrap">
        <NativeSelect label={t('admin.security.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)}
          data={[{ value: '', label: t('admin.security.anyKind') }, ...SECURITY_KINDS.map((k) => ({ value: k, label: t(`admin.security.kinds.${k}`) }))]} />
        <TextInput label={t('admin.security.login')} value={login} onChange={(e) => setLogin(e.currentTarget.value)} type="search" />
        <TextInput label={t('admin.security.from')} type="date" value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} />
        <TextInput label={t('admin.security.to')} type="date" value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} />
      </Group>
      {events.isError && <ErrorAlert error={events.error} />}
      {events.isPending ? <FullPageLoader /> : (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped aria-busy={events.isFetching} className="admin-table">
            <Table.Caption>{t('admin.security.caption', { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.security.time')}</Table.Th>
                <Table.Th scope="col">{t('admin.security.event')}</Table.Th>
                <Table.Th scope="col">{t('admin.security.login')}</Table.Th>
                <Table.Th scope="col">{t('admin.security.address')}</Table.Th>
                <Table.Th scope="col">{t('admin.security.device')}</Table.Th>
                <Table.Th scope="col">{t('admin.security.detailsTitle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <Table.Tr><Table.Td colSpan={6}><Text c="dimmed">{t('admin.security.empty')}</Text></Table.Td></Table.Tr>}
              {items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td className="admin-nowrap">{dateTime.format(new Date(event.createdAt))}</Table.Td>
                  <Table.Td>{t(`admin.security.kinds.${event.kind}`, { defaultValue: event.kind })}</Table.Td>
                  <Table.Td>{event.login ?? '—'}</Table.Td>
                  <Table.Td>{event.address || '—'}</Table.Td>
                  {/* No user agent: the server recorded it itself (a scheduled job), no browser was there. */}
                  <Table.Td title={event.userAgent}>{event.userAgent === '' ? '—' : deviceOf(event.userAgent) || t('admin.security.unknownDevice')}</Table.Td>
                  <Table.Td><Details event={event} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.hasNextPage && (
        <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage} w="fit-content">
          {t('admin.security.more')}
        </Button>
      )}
    </Stack>
  );
}
