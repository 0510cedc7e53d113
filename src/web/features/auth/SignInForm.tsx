import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogin, useLoginTotp } from '../../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';

/**
 * Login and password; when the account has a second factor, then the code from the app. The sign-in
 * page shows it, and so does the dialog over a page whose session ended (`inPlace`, with the
 * login fixed: the same person carries on).
 */
export function SignInForm({ heading, login: fixedLogin, inPlace = false, footer }: {
  heading: (title: string) => React.ReactNode; login?: string; inPlace?: boolean; footer?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const login = useLogin(inPlace);
  const loginTotp = useLoginTotp(inPlace);
  const [challenge, setChallenge] = useState<string | null>(null);

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { login: fixedLogin ?? String(form.get('login') ?? ''), password: String(form.get('password') ?? '') },
      { onSuccess: (result) => { if ('mfaRequired' in result) setChallenge(result.challenge); } },
    );
  };
  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    loginTotp.mutate({ challenge: challenge!, code: String(form.get('code') ?? '') });
  };

  if (challenge) {
    const fields = fieldErrors(loginTotp.error, i18n.language);
    return (
      <form onSubmit={submitCode} noValidate>
        <Stack>
          {heading(t('auth.totpTitle'))}
          <Text size="sm">{t('auth.totpHint')}</Text>
          {loginTotp.isError && <ErrorAlert error={loginTotp.error} />}
          <TextInput name="code" label={t('auth.code')} autoComplete="one-time-code" inputMode="numeric" required withAsterisk={false} autoFocus error={fields.code} />
          <Button type="submit" loading={loginTotp.isPending}>{t('auth.confirm')}</Button>
          <Button variant="subtle" onClick={() => { setChallenge(null); login.reset(); loginTotp.reset(); }}>{t('auth.back')}</Button>
        </Stack>
      </form>
    );
  }

  const fields = fieldErrors(login.error, i18n.language);
  return (
    <form onSubmit={submitPassword} noValidate>
      <Stack>
        {heading(t('auth.signInTitle'))}
        {login.isError && <ErrorAlert error={login.error} />}
        {fixedLogin === undefined
          ? <TextInput name="login" label={t('auth.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} required withAsterisk={false} error={fields.login} />
          : <TextInput name="login" label={t('auth.login')} autoComplete="username" value={fixedLogin} readOnly />}
        <PasswordInput name="password" label={t('auth.password')} autoComplete="current-password" required withAsterisk={false} error={fields.password}
          visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} data-autofocus={fixedLogin !== undefined || undefined} />
        <Button type="submit" loading={login.isPending}>{t('auth.submit')}</Button>
        {footer}
      </Stack>
    </form>
  );
}
