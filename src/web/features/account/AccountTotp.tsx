import { Alert, Button, Code, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../../shared/contract/totp.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { Section } from './Section.tsx';
import { useConfirmTotp, useDisableTotp, useStartTotp, useTotpStatus } from './api.ts';
import { qrPath } from './qr.ts';

function QrCode({ uri, label }: { uri: string; label: string }) {
  const { size, path } = qrPath(uri);
  return (
    <svg viewBox={`0 0 ${size} ${size}`} width={200} height={200} role="img" aria-label={label} className="account-qr" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** Groups of four: the secret is easier to type from the screen. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function Enrol({ enrolment, onDone }: { enrolment: TotpEnrolment; onDone: (codes: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const confirm = useConfirmTotp();
  const errors = fieldErrors(confirm.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''), { onSuccess: (r) => onDone(r.recoveryCodes) });
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('account.totp.scan')}</Text>
      <QrCode uri={enrolment.uri} label={t('account.totp.qr')} />
      <Text size="sm">{t('account.totp.orType')}</Text>
      <Code block className="account-secret" aria-label={t('account.totp.secret')}>{grouped(enrolment.secret)}</Code>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={320}>
          <TextInput label={t('account.totp.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required
            inputMode="numeric" autoComplete="one-time-code" error={errors.code} />
          {confirm.isError && <ErrorAlert error={confirm.error} />}
          <Button type="submit" loading={confirm.isPending} w="fit-content">{t('account.totp.confirm')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}

function Disable() {
  const { t, i18n } = useTranslation();
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const errors = fieldErrors(disable.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate({ password, code: code.replace(/\s/g, '') });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" maw={320}>
        <PasswordInput label={t('account.totp.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required autoComplete="current-password" error={errors.password} />
        <TextInput label={t('account.totp.codeOrRecovery')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required autoComplete="one-time-code" error={errors.code} />
        {disable.isError && <ErrorAlert error={disable.error} />}
        <Button type="submit" variant="default" loading={disable.isPending} w="fit-content">{t('account.totp.disable')}</Button>
      </Stack>
    </form>
  );
}

/** The second factor for staff: enrol with a QR code or the secret, keep the recovery codes, or switch it off. */
export function TotpSection() {
  const { t, i18n } = useTranslation();
  const status = useTotpStatus(true);
  const start = useStartTotp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  return (
    <Section title={t('account.totp.title')}>
      {status.isError && <ErrorAlert error={status.error} />}
      {status.isPending && <FullPageLoader />}
      {codes && (
        <Alert color="green" variant="light" title={t('account.totp.codesTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('account.totp.codesHint')}</Text>
            <ul className="account-codes" aria-label={t('account.totp.codesTitle')}>
              {codes.map((c) => <li key={c}><Code>{c}</Code></li>)}
            </ul>
            <Button size="xs" variant="default" w="fit-content" onClick={() => setCodes(null)}>{t('account.totp.codesSaved')}</Button>
          </Stack>
        </Alert>
      )}
      {status.data && (status.data.enabled ? (
        <Stack gap="sm">
          <Text>{t('account.totp.on', { date: status.data.confirmedAt ? date.format(new Date(status.data.confirmedAt)) : '' })}</Text>
          <Text size="sm" c="dimmed">{t('account.totp.codesLeft', { count: status.data.recoveryCodesLeft })}</Text>
          {status.data.required && <Text size="sm">{t('account.totp.requiredBySchool')}</Text>}
          <Disable />
        </Stack>
      ) : start.data ? (
        <Enrol enrolment={start.data} onDone={(c) => { setCodes(c); start.reset(); }} />
      ) : (
        <Stack gap="sm">
          <Text>{t(status.data.required ? 'account.totp.offRequired' : 'account.totp.off')}</Text>
          {start.isError && <ErrorAlert error={start.error} />}
          <Group><Button onClick={() => start.mutate()} loading={start.isPending}>{t('account.totp.start')}</Button></Group>
        </Stack>
      ))}
    </Section>
  );
}
