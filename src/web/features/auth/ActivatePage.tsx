import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActivate } from '../../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';

/** First sign-in with the code from a credential slip: the person chooses a login and a password. */
export function ActivatePage() {
  const { t, i18n } = useTranslation();
  const activate = useActivate();
  const fields = fieldErrors(activate.error, i18n.language);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    activate.mutate({
      code: String(form.get('code') ?? ''),
      login: String(form.get('login') ?? ''),
      password: String(form.get('password') ?? ''),
    });
  };

  return (
    <Paper className="auth-card" withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">{t('auth.activateTitle')}</Title>
          <Text size="sm">{t('auth.activateHint')}</Text>
          {activate.isError && <ErrorAlert error={activate.error} />}
          <TextInput name="code" label={t('auth.activationCode')} autoComplete="off" autoCapitalize="characters" spellCheck={false} required withAsterisk={false} error={fields.code} />
          <TextInput name="login" label={t('auth.newLogin')} description={t('auth.newLoginHint')} autoComplete="username" autoCapitalize="none" spellCheck={false} required withAsterisk={false} error={fields.login} />
          <PasswordInput name="password" label={t('auth.newPassword')} description={t('auth.newPasswordHint')} autoComplete="new-password" required withAsterisk={false} error={fields.password}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} />
          <Button type="submit" loading={activate.isPending}>{t('auth.activateSubmit')}</Button>
          <Anchor component={Link} to="/login" ta="center">{t('auth.haveAccount')}</Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
