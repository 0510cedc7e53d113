import { Alert, Badge, Button, Group, NativeSelect, PasswordInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/contract/auth.ts';
import { useMe } from '../../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { isoToLocalInput, localInputToIso } from '../admin/securityFormat.ts';
import { TotpSection } from './AccountTotp.tsx';
import { Section } from './Section.tsx';
import { useChangeEmail, useChangePassword, useEmail, useEndSession, useReportOwnCompromise, useSessions } from './api.ts';
import './account.css';

function Sessions() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const end = useEndSession();
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Section title={t('account.sessions.title')}>
      {sessions.isError && <ErrorAlert error={sessions.error} />}
      {end.isError && <ErrorAlert error={end.error} />}
      {sessions.isPending ? <FullPageLoader /> : (
        <ul className="plain-list account-sessions" aria-label={t('account.sessions.title')}>
          {sessions.data?.items.map((s) => (
            <li key={s.id} className="account-session">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div>
                  <Text fw={600}>{s.device} {s.current && <Badge color="green" variant="light" ml={4}>{t('account.sessions.current')}</Badge>}</Text>
                  <Text size="sm" c="dimmed">
                    {t('account.sessions.meta', { address: s.address || '—', since: dateTime.format(new Date(s.createdAt)), seen: dateTime.format(new Date(s.lastSeenAt)) })}
                  </Text>
                </div>
                <Button size="xs" variant="default" loading={end.isPending && end.variables?.id === s.id} onClick={() => end.mutate(s)}
                  aria-label={t(s.current ? 'account.sessions.endCurrent' : 'account.sessions.endOf', { device: s.device })}>
                  {t(s.current ? 'account.sessions.endCurrentShort' : 'account.sessions.end')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function PasswordChange() {
  const { t, i18n } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(change.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    change.mutate({ currentPassword: current, newPassword: next }, { onSuccess: () => { setCurrent(''); setNext(''); setRepeat(''); } });
  };
  return (
    <Section title={t('account.password.title')}>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={420}>
          <PasswordInput label={t('account.password.current')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} required autoComplete="current-password" error={errors.currentPassword} />
          <PasswordInput label={t('account.password.new')} description={t('account.password.newHint')} value={next} onChange={(e) => setNext(e.currentTarget.value)} required autoComplete="new-password" error={errors.newPassword} />
          <PasswordInput label={t('account.password.repeat')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} required autoComplete="new-password" error={mismatch ? t('account.password.mismatch') : undefined} />
          {change.isError && <ErrorAlert error={change.error} />}
          {change.isSuccess && <Text role="status" c="green.9">{t('account.password.done')}</Text>}
          <Button type="submit" loading={change.isPending} w="fit-content">{t('account.password.submit')}</Button>
        </Stack>
      </form>
    </Section>
  );
}

function Email() {
  const { t, i18n } = useTranslation();
  const state = useEmail();
  const change = useChangeEmail();
  const [email, setEmail] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const errors = fieldErrors(change.error, i18n.language);
  const value = email ?? state.data?.email ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ email: value.trim() || null, currentPassword: password }, { onSuccess: () => { setPassword(''); setEmail(null); } });
  };
  return (
    <Section title={t('account.email.title')}>
      {state.isError && <ErrorAlert error={state.error} />}
      {state.data && (
        <Text size="sm">
          {state.data.email
            ? t(state.data.confirmed ? 'account.email.confirmed' : 'account.email.unconfirmed', { email: state.data.email })
            : t('account.email.none')}
        </Text>
      )}
      <form onSubmit={submit}>
        <Stack gap="sm" maw={420}>
          <TextInput type="email" label={t('account.email.address')} description={t('account.email.hint')} value={value}
            onChange={(e) => setEmail(e.currentTarget.value)} autoComplete="email" error={errors.email} />
          <PasswordInput label={t('account.email.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required autoComplete="current-password" error={errors.currentPassword} />
          {change.isError && <ErrorAlert error={change.error} />}
          {change.isSuccess && <Text role="status" c="green.9">{t(change.data.email ? 'account.email.sent' : 'account.email.removed')}</Text>}
          <Button type="submit" loading={change.isPending} w="fit-content">{t('account.email.submit')}</Button>
        </Stack>
      </form>
    </Section>
  );
}

function ReportCompromise({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const schools = [...new Map(me.roles.map((r) => [r.schoolId, r.schoolName])).entries()];
  const [schoolId, setSchoolId] = useState(schools[0]?.[0] ?? '');
  const [since, setSince] = useState(() => isoToLocalInput(new Date()));
  const [note, setNote] = useState('');
  const [sure, setSure] = useState(false);
  const report = useReportOwnCompromise();
  const errors = fieldErrors(report.error, i18n.language);
  if (schools.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = localInputToIso(since);
    if (!sure || !at) { setSure(true); return; }
    report.mutate({ schoolId, userId: me.user.id, since: at, note });
  };
  return (
    <Section title={t('account.compromise.title')}>
      <Text size="sm">{t('account.compromise.intro')}</Text>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={480}>
          {schools.length > 1 && (
            <NativeSelect label={t('account.compromise.school')} value={schoolId} onChange={(e) => setSchoolId(e.currentTarget.value)}
              data={schools.map(([id, name]) => ({ value: id, label: name }))} />
          )}
          <TextInput type="datetime-local" label={t('account.compromise.since')} description={t('account.compromise.sinceHint')} required
            value={since} onChange={(e) => setSince(e.currentTarget.value)} error={errors.since} />
          <Textarea label={t('account.compromise.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          {sure && <Alert color="red" variant="light" role="alert">{t('account.compromise.warning')}</Alert>}
          {report.isError && <ErrorAlert error={report.error} />}
          <Button type="submit" color="red.9" loading={report.isPending} w="fit-content">
            {t(sure ? 'account.compromise.confirm' : 'account.compromise.submit')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

/** `/account`: the person's own account — sessions, password, e-mail, second factor, a compromised login. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data as Me;
  const staff = me.roles.some((r) => r.role !== 'student' && r.role !== 'guardian');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('account.title')}</Title>
      <Text>{t('account.who', { name: me.user.displayName, login: me.user.login })}</Text>
      {me.totpSetupRequired && <Alert color="orange" variant="light" role="alert">{t('account.totp.requiredNow')}</Alert>}
      <Sessions />
      <PasswordChange />
      <Email />
      {staff && <TotpSection />}
      <ReportCompromise me={me} />
    </Stack>
  );
}
