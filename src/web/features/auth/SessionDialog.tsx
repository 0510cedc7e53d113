import { Button, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meKey } from '../../api/auth.ts';
import { sessionClosed, useSession } from '../../api/session.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { SignInForm } from './SignInForm.tsx';

/**
 * The session ended under an open page: sign in again right here, as the same person. The page
 * underneath stays mounted (what is typed in it survives) and reads its data again afterwards; the
 * journal's outbox sends what waited. Another account means leaving the page for the sign-in screen.
 */
export function SessionDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (!session.lost || session.login === null) return null;
  const otherAccount = () => {
    sessionClosed();
    queryClient.clear();
    queryClient.setQueryData(meKey, null);
    void navigate('/login', { replace: true });
  };
  return (
    <Dialog title={t('auth.sessionEndedTitle')}>
      <Text size="sm">{t('auth.sessionEndedText')}</Text>
      <SignInForm
        inPlace
        login={session.login}
        heading={(title) => <Text fw={600}>{title}</Text>}
        footer={<Button variant="subtle" onClick={otherAccount}>{t('auth.otherAccount')}</Button>}
      />
    </Dialog>
  );
}
