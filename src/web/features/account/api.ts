import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TotpEnrolment } from '../../../shared/contract/totp.ts';
import { meKey } from '../../api/auth.ts';
import { api } from '../../api/client.ts';

export type Session = { id: string; current: boolean; createdAt: string; lastSeenAt: string; expiresAt: string; address: string; device: string };
export type TotpStatus = { enabled: boolean; pending: boolean; confirmedAt: string | null; recoveryCodesLeft: number; required: boolean };
export type EmailState = { email: string | null; confirmed: boolean };

/** After something that ends this very session: forget everything, the layout shows the sign-in form. */
function useSignedOut() {
  const client = useQueryClient();
  return () => {
    client.clear();
    client.setQueryData(meKey, null);
  };
}

export function useSessions() {
  return useQuery({ queryKey: ['account', 'sessions'], queryFn: () => api<{ items: Session[] }>('GET', '/me/sessions') });
}

export function useEndSession() {
  const client = useQueryClient();
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: (session: Session) => api<{ ok: true }>('DELETE', `/me/sessions/${session.id}`),
    onSuccess: (_, session) => (session.current ? signedOut() : client.invalidateQueries({ queryKey: ['account', 'sessions'] })),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api<{ ok: true }>('POST', '/me/password', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['account', 'sessions'] }),
  });
}

export function useEmail() {
  return useQuery({ queryKey: ['account', 'email'], queryFn: () => api<EmailState>('GET', '/me/email') });
}

export function useChangeEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string | null; currentPassword: string }) => api<EmailState>('PATCH', '/me/email', input),
    onSuccess: (state) => client.setQueryData(['account', 'email'], state),
  });
}

export function useTotpStatus(enabled: boolean) {
  return useQuery({ queryKey: ['account', 'totp'], queryFn: () => api<TotpStatus>('GET', '/me/totp'), enabled });
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('POST', '/me/totp') });
}

export function useConfirmTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ recoveryCodes: string[] }>('POST', '/me/totp/confirm', { code }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['account', 'totp'] }), client.invalidateQueries({ queryKey: meKey })]),
  });
}

export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) => api<{ ok: true }>('DELETE', '/me/totp', input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['account', 'totp'] }), client.invalidateQueries({ queryKey: meKey })]),
  });
}

/** Seed 003, 4.3: the person reports their own login; their sessions end at once, this one too. */
export function useReportOwnCompromise() {
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: (input: { schoolId: string; userId: string; since: string; note: string }) =>
      api<{ id: string }>('POST', `/schools/${input.schoolId}/accounts/${input.userId}/compromise`, { since: input.since, note: input.note }),
    onSuccess: signedOut,
  });
}
