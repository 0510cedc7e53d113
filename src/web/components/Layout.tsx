import { Anchor, Button, Center, Container, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth.ts';
import { useSession } from '../api/session.ts';
import { SessionDialog } from '../features/auth/SessionDialog.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function Header({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <Container size="lg" py="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="dark">
            {t('app.name')}
          </Anchor>
          {children}
        </Group>
      </Container>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="app-footer">
      <Container size="lg">
        <Group justify="space-between" align="end">
          <Text size="sm" c="dimmed">{t('app.tagline')}</Text>
          <LanguageSwitch />
        </Group>
      </Container>
    </footer>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  return <a className="skip-link" href="#main">{t('app.skipToContent')}</a>;
}

export function FullPageLoader() {
  const { t } = useTranslation();
  return <Center py="xl"><Loader aria-label={t('app.loading')} /></Center>;
}

/** Sign-in and activation; a signed-in person goes straight home. */
export function PublicLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  const from = (location.state as { from?: string } | null)?.from;
  // After sign-in: back to the page that asked for it (a path of this site only).
  if (me.data) return <Navigate to={from?.startsWith('/') && !from.startsWith('//') ? from : '/'} replace />;
  return (
    <>
      <SkipLink />
      <Header />
      <Container size="lg" py="xl" component="main" id="main">
        <Outlet />
      </Container>
      <Footer />
    </>
  );
}

/** Every screen behind sign-in: without a session, the sign-in form (and back afterwards). */
export function SignedInLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError && !me.data) return <Container py="xl"><ErrorAlert error={me.error} /></Container>;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <>
      <SkipLink />
      <Header>
        {/* The session ended: the page stays, but nobody's name is shown until they sign in again. */}
        {session.lost ? <Text size="sm" c="dimmed">{t('auth.signedOut')}</Text> : (
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" className="header-name" truncate="end" maw={240} title={t('nav.signedInAs', { name: me.data.user.displayName })}>
            {me.data.user.displayName}
          </Text>
          <Anchor component={Link} to="/account" size="sm" className="header-account">{t('account.link')}</Anchor>
          <Button variant="default" size="sm" loading={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}>
            {t('nav.signOut')}
          </Button>
        </Group>
        )}
      </Header>
      <Container size="lg" py="md" px="xs" component="main" id="main">
        <Outlet />
      </Container>
      <SessionDialog />
      <Footer />
    </>
  );
}
