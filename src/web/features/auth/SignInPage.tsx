import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogin, useLoginTotp } from '../../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';

/** Login and password; when the account has a second factor, then the code from the app. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  const loginTotp = useLoginTotp();
  const [challenge, setChallenge] = useState<string | null>(null);

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { login: String(form.get('login') ?? ''), password: String(form.get('password') ?? '') },
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
      <Paper className="auth-card" withBorder p="lg" radius="md">
        <form onSubmit={submitCode} noValidate>
          <Stack>
            <Title order={1} size="h2">{t('auth.totpTitle')}</Title>
            <Text size="sm">{t('auth.totpHint')}</Text>
            {loginTotp.isError && <ErrorAlert error={loginTotp.error} />}
            <TextInput name="code" label={t('auth.code')} autoComplete="one-time-code" inputMode="numeric" required withAsterisk={false} autoFocus error={fields.code} />
            <Button type="submit" loading={loginTotp.isPending}>{t('auth.confirm')}</Button>
            <Button variant="subtle" onClick={() => { setChallenge(null); login.reset(); loginTotp.reset(); }}>{t('auth.back')}</Button>
          </Stack>
        </form>
      </Paper>
    );
  }

  const fields = fieldErrors(login.error, i18n.language);
  return (
    <Paper className="auth-card" withBorder p="lg" radius="md">
      <form onSubmit={submitPassword} noValidate>
        <Stack>
          <Title order={1} size="h2">{t('auth.signInTitle')}</Title>
          {login.isError && <ErrorAlert error={login.error} />}
          <TextInput name="login" label={t('auth.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} required withAsterisk={false} error={fields.login} />
          <PasswordInput name="password" label={t('auth.password')} autoComplete="current-password" required withAsterisk={false} error={fields.password}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} />
          <Button type="submit" loading={login.isPending}>{t('auth.submit')}</Button>
          <Anchor component={Link} to="/activate" ta="center">{t('auth.activateLink')}</Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
