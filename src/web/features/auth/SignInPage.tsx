import { Anchor, Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SignInForm } from './SignInForm.tsx';

/** Login and password; when the account has a second factor, then the code from the app. */
export function SignInPage() {
  const { t } = useTranslation();
  return (
    <Paper className="auth-card" withBorder p="lg" radius="md">
      <SignInForm
        heading={(title) => <Title order={1} size="h2">{title}</Title>}
        footer={<Anchor component={Link} to="/activate" ta="center">{t('auth.activateLink')}</Anchor>}
      />
    </Paper>
  );
}
