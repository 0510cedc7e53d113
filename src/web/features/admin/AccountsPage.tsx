import { Badge, Button, CloseButton, Group, Menu, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SchoolAccount } from '../../../shared/contract/accounts.ts';
import { ROLES, type Role } from '../../../shared/contract/enums.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { type AccountDialog, AccountDialogs } from './AccountsDialogs.tsx';
import { useAccounts, useClasses, useIssueSlips } from './accountsApi.ts';
import './accounts.css';

export function accountState(account: SchoolAccount): 'active' | 'locked' | 'notActivated' {
  if (!account.activated) return 'notActivated';
  return account.locked ? 'locked' : 'active';
}

const STATE_COLOR = { active: 'green', locked: 'red', notActivated: 'gray' } as const;

/** «Учётные записи»: the school's accounts, their roles and state, and what the administrator does with them. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [classId, setClassId] = useState('');
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const [notice, setNotice] = useState('');
  const q = useDeferredValue(search.trim());
  const accounts = useAccounts(schoolId, { q: q || undefined, role: role || undefined, classId: classId || undefined });
  const classes = useClasses(schoolId);
  const classSlips = useIssueSlips(schoolId);
  const items = accounts.data?.pages.flatMap((p) => p.items) ?? [];
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const className = classes.data?.find((c) => c.id === classId)?.name ?? '';

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('admin.accounts.title')}</Title>
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput label={t('admin.accounts.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} className="admin-filter-wide" type="search" />
        <NativeSelect label={t('admin.accounts.roleFilter')} value={role} onChange={(e) => setRole(e.currentTarget.value as Role | '')}
          data={[{ value: '', label: t('admin.accounts.anyRole') }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]} />
        <NativeSelect label={t('admin.accounts.classFilter')} value={classId} onChange={(e) => setClassId(e.currentTarget.value)}
          data={[{ value: '', label: t('admin.accounts.anyClass') }, ...(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
        {classId && (
          <Button variant="default" loading={classSlips.isPending}
            onClick={() => classSlips.mutate({ classId, include: ['students', 'guardians'] }, {
              onSuccess: (r) => setNotice(t('admin.accounts.slipsIssued', { count: r.count })),
            })}>
            {t('admin.accounts.classSlips', { name: className })}
          </Button>
        )}
      </Group>
      {classSlips.isError && <ErrorAlert error={classSlips.error} />}
      {notice && <Text role="status" c="green.9">{notice}</Text>}
      {accounts.isError && <ErrorAlert error={accounts.error} />}
      {accounts.isPending ? <FullPageLoader /> : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table striped highlightOnHover aria-busy={accounts.isFetching} className="admin-table">
            <Table.Caption>{t('admin.accounts.caption', { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.accounts.login')}</Table.Th>
                <Table.Th scope="col">{t('admin.accounts.person')}</Table.Th>
                <Table.Th scope="col">{t('admin.accounts.roles')}</Table.Th>
                <Table.Th scope="col">{t('admin.accounts.state')}</Table.Th>
                <Table.Th scope="col">{t('admin.accounts.lastSignIn')}</Table.Th>
                <Table.Th scope="col">{t('admin.accounts.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr><Table.Td colSpan={6}><Text c="dimmed">{t('admin.accounts.empty')}</Text></Table.Td></Table.Tr>
              )}
              {items.map((account) => {
                const state = accountState(account);
                const people = [...new Set(account.roles.map((r) => r.personName).filter(Boolean))];
                return (
                  <Table.Tr key={account.userId}>
                    <Table.Th scope="row" fw={600}>{account.login}</Table.Th>
                    <Table.Td>
                      <Text size="sm">{people.join(', ') || account.displayName}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="wrap">
                        {account.roles.map((r) => (
                          <Badge key={r.role} variant="light" color="blue" className="admin-role" classNames={{ label: 'admin-badge-label' }}
                            rightSection={<CloseButton size="xs" aria-label={t('admin.accounts.removeRoleOf', { role: t(`roles.${r.role}`), login: account.login })}
                              onClick={() => setDialog({ kind: 'revoke', account, role: r.role })} />}>
                            {t(`roles.${r.role}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td><Badge variant="light" color={STATE_COLOR[state]} classNames={{ label: 'admin-badge-label' }}>{t(`admin.accounts.states.${state}`)}</Badge></Table.Td>
                    <Table.Td className="admin-nowrap">{account.lastSignInAt ? dateTime.format(new Date(account.lastSignInAt)) : t('admin.accounts.never')}</Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button variant="default" size="xs" aria-label={t('admin.accounts.actionsOf', { login: account.login })}>
                            {t('admin.accounts.actions')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ kind: 'grant', account })}>{t('admin.accounts.addRole')}</Menu.Item>
                          <Menu.Item onClick={() => setDialog({ kind: 'endSessions', account })}>{t('admin.accounts.endSessions')}</Menu.Item>
                          <Menu.Item onClick={() => setDialog({ kind: 'slip', account })}>{t('admin.accounts.issueSlip')}</Menu.Item>
                          <Menu.Item color="red.9" onClick={() => setDialog({ kind: 'compromise', account })}>{t('admin.accounts.reportCompromise')}</Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {accounts.hasNextPage && (
        <Button variant="default" onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage} w="fit-content">
          {t('admin.accounts.more')}
        </Button>
      )}
      <AccountDialogs schoolId={schoolId} dialog={dialog} onClose={() => setDialog(null)} onDone={(message) => { setDialog(null); setNotice(message); }} />
    </Stack>
  );
}
