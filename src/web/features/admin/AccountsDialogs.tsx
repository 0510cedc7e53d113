import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolAccount } from '../../../shared/contract/accounts.ts';
import { ROLES, type Role } from '../../../shared/contract/enums.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import {
  type PersonKind, useEndSessions, useGrantRole, useIssueSlips, usePeopleSearch, useReportCompromise, useRevokeRole,
} from './accountsApi.ts';
import { isoToLocalInput, localInputToIso } from './securityFormat.ts';

export type AccountDialog =
  | { kind: 'grant'; account: SchoolAccount }
  | { kind: 'revoke'; account: SchoolAccount; role: Role }
  | { kind: 'endSessions'; account: SchoolAccount }
  | { kind: 'slip'; account: SchoolAccount }
  | { kind: 'compromise'; account: SchoolAccount };

/** The kind of record each role acts as (as on the server). */
export const PERSON_KIND: Record<Role, PersonKind> = {
  admin: 'staff', director: 'staff', deputy: 'staff', teacher: 'staff', student: 'student', guardian: 'guardian',
};

type Props = { schoolId: string; dialog: AccountDialog | null; onClose: () => void; onDone: (message: string) => void };

/** The administrator's dialogs over one account; each asks before it acts. */
export function AccountDialogs({ schoolId, dialog, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const title = dialog ? t(`admin.accounts.dialogs.${dialog.kind}`, { login: dialog.account.login }) : '';
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} size="lg" lockScroll={false}>
      {dialog?.kind === 'grant' && <GrantRole schoolId={schoolId} account={dialog.account} onClose={onClose} onDone={onDone} />}
      {dialog?.kind === 'revoke' && <RevokeRole schoolId={schoolId} account={dialog.account} role={dialog.role} onClose={onClose} onDone={onDone} />}
      {dialog?.kind === 'endSessions' && <EndSessions schoolId={schoolId} account={dialog.account} onClose={onClose} onDone={onDone} />}
      {dialog?.kind === 'slip' && <IssueSlip schoolId={schoolId} account={dialog.account} onClose={onClose} onDone={onDone} />}
      {dialog?.kind === 'compromise' && <ReportCompromise schoolId={schoolId} account={dialog.account} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

type Step = { schoolId: string; account: SchoolAccount; onClose: () => void; onDone: (message: string) => void };

function Buttons({ submit, pending, onClose, danger = false }: { submit: string; pending: boolean; onClose: () => void; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose}>{t('admin.accounts.cancel')}</Button>
      <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>{submit}</Button>
    </Group>
  );
}

function GrantRole({ schoolId, account, onClose, onDone }: Step) {
  const { t, i18n } = useTranslation();
  const free = ROLES.filter((r) => !account.roles.some((held) => held.role === r));
  const [role, setRole] = useState<Role>(free.includes('deputy') ? 'deputy' : free[0] ?? 'teacher');
  const kind = PERSON_KIND[role];
  // The record the account already acts as in a role of the same kind: the usual choice.
  const known = account.roles.filter((r) => r.personId && PERSON_KIND[r.role] === kind)
    .map((r) => ({ id: r.personId!, fullName: r.personName ?? account.displayName }));
  const [search, setSearch] = useState('');
  const found = usePeopleSearch(schoolId, kind, search.trim(), known.length === 0);
  const options = known.length > 0 ? known : found.data?.items ?? [];
  const [chosen, setChosen] = useState('');
  const personId = options.some((o) => o.id === chosen) ? chosen : options[0]?.id ?? '';
  const grant = useGrantRole(schoolId);
  const errors = fieldErrors(grant.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate({ userId: account.userId, role, personId }, {
      onSuccess: () => onDone(t('admin.accounts.roleGranted', { role: t(`roles.${role}`), login: account.login })),
    });
  };
  if (free.length === 0) return <Text>{t('admin.accounts.allRolesHeld')}</Text>;
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <NativeSelect label={t('admin.accounts.role')} value={role} error={errors.role}
          onChange={(e) => setRole(e.currentTarget.value as Role)} data={free.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        {known.length === 0 && (
          <TextInput label={t(`admin.accounts.findPerson.${kind}`)} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
        )}
        <NativeSelect label={t('admin.accounts.actsAs')} value={personId} error={errors.personId} required
          onChange={(e) => setChosen(e.currentTarget.value)}
          data={options.length ? options.map((o) => ({ value: o.id, label: o.fullName })) : [{ value: '', label: t('admin.accounts.nobodyFound') }]} />
        {grant.isError && <ErrorAlert error={grant.error} />}
        <Buttons submit={t('admin.accounts.grant')} pending={grant.isPending} onClose={onClose} />
      </Stack>
    </form>
  );
}

function RevokeRole({ schoolId, account, role, onClose, onDone }: Step & { role: Role }) {
  const { t } = useTranslation();
  const revoke = useRevokeRole(schoolId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revoke.mutate({ userId: account.userId, role }, { onSuccess: () => onDone(t('admin.accounts.roleRevoked', { role: t(`roles.${role}`), login: account.login })) });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text>{t('admin.accounts.revokeQuestion', { role: t(`roles.${role}`), login: account.login })}</Text>
        {revoke.isError && <ErrorAlert error={revoke.error} />}
        <Buttons submit={t('admin.accounts.revoke')} pending={revoke.isPending} onClose={onClose} danger />
      </Stack>
    </form>
  );
}

function EndSessions({ schoolId, account, onClose, onDone }: Step) {
  const { t } = useTranslation();
  const end = useEndSessions(schoolId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    end.mutate(account.userId, { onSuccess: (r) => onDone(t('admin.accounts.sessionsEnded', { count: r.ended, login: account.login })) });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text>{t('admin.accounts.endSessionsQuestion', { login: account.login })}</Text>
        {end.isError && <ErrorAlert error={end.error} />}
        <Buttons submit={t('admin.accounts.endSessions')} pending={end.isPending} onClose={onClose} danger />
      </Stack>
    </form>
  );
}

function IssueSlip({ schoolId, account, onClose, onDone }: Step) {
  const { t } = useTranslation();
  const people = [...new Map(account.roles.filter((r) => r.personId)
    .map((r) => [`${PERSON_KIND[r.role]}:${r.personId}`, { kind: PERSON_KIND[r.role], id: r.personId!, name: r.personName ?? account.displayName, role: r.role }])).values()];
  const [chosen, setChosen] = useState(people[0] ? `${people[0].kind}:${people[0].id}` : '');
  const issue = useIssueSlips(schoolId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const person = people.find((p) => `${p.kind}:${p.id}` === chosen);
    if (!person) return;
    issue.mutate({ people: [{ kind: person.kind, id: person.id }] }, { onSuccess: (r) => onDone(t('admin.accounts.slipsIssued', { count: r.count })) });
  };
  if (people.length === 0) return <Text>{t('admin.accounts.noPersonForSlip')}</Text>;
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Alert color="orange" variant="light">{t('admin.accounts.slipWarning')}</Alert>
        <NativeSelect label={t('admin.accounts.slipFor')} value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}
          data={people.map((p) => ({ value: `${p.kind}:${p.id}`, label: `${p.name} — ${t(`roles.${p.role}`)}` }))} />
        {issue.isError && <ErrorAlert error={issue.error} />}
        <Buttons submit={t('admin.accounts.issueSlipSubmit')} pending={issue.isPending} onClose={onClose} />
      </Stack>
    </form>
  );
}

function ReportCompromise({ schoolId, account, onClose, onDone }: Step) {
  const { t, i18n } = useTranslation();
  const [since, setSince] = useState(() => isoToLocalInput(new Date()));
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const report = useReportCompromise(schoolId);
  const errors = fieldErrors(report.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = localInputToIso(since);
    setMissing(at === null);
    if (at === null) return;
    report.mutate({ userId: account.userId, since: at, note }, {
      onSuccess: (r) => onDone(t('admin.accounts.compromiseReported', { login: account.login, sessions: r.endedSessions, changes: r.entries.void })),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Alert color="red" variant="light">{t('admin.accounts.compromiseWarning')}</Alert>
        <TextInput type="datetime-local" label={t('admin.accounts.since')} description={t('admin.accounts.sinceHint')} required
          value={since} onChange={(e) => setSince(e.currentTarget.value)} error={missing ? t('errors.required') : errors.since} />
        <Textarea label={t('admin.accounts.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} error={errors.note} />
        {report.isError && <ErrorAlert error={report.error} />}
        <Buttons submit={t('admin.accounts.reportCompromiseSubmit')} pending={report.isPending} onClose={onClose} danger />
      </Stack>
    </form>
  );
}
