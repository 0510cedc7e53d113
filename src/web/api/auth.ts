import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/contract/auth.ts';
import type { MfaRequired } from '../../shared/contract/totp.ts';
import { api, ApiError } from './client.ts';
import { sessionClosed, sessionStarted, sessionState } from './session.ts';

export const meKey = ['me'] as const;

/** `GET /me`; null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ client }) => {
      try {
        const me = await api<Me>('GET', '/me');
        sessionStarted(me.user.login);
        return me;
      } catch (error) {
        // The session ended under the open page: keep who it was, the sign-in dialog asks again.
        if (error instanceof ApiError && error.status === 401) return sessionState().lost ? client.getQueryData<Me | null>(meKey) ?? null : null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/**
 * After signing in: from the sign-in page, the cache of whoever was here before goes; in place
 * (the dialog over a page whose session ended) the page keeps its data and reads it again.
 */
function useSignedIn(inPlace: boolean) {
  const queryClient = useQueryClient();
  return (me: Me) => {
    if (inPlace) {
      queryClient.setQueryData(meKey, me);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    } else {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(meKey, me);
    }
    sessionStarted(me.user.login);
  };
}

export function useLogin(inPlace = false) {
  const signedIn = useSignedIn(inPlace);
  return useMutation({
    mutationFn: (input: { login: string; password: string }) => api<Me | MfaRequired>('POST', '/auth/login', input),
    onSuccess: (result) => {
      if (!('mfaRequired' in result)) signedIn(result);
    },
  });
}

export function useLoginTotp(inPlace = false) {
  const signedIn = useSignedIn(inPlace);
  return useMutation({
    mutationFn: (input: { challenge: string; code: string }) => api<Me>('POST', '/auth/login/totp', input),
    onSuccess: signedIn,
  });
}

export function useActivate() {
  const signedIn = useSignedIn(false);
  return useMutation({
    mutationFn: (input: { code: string; login: string; password: string }) => api<Me>('POST', '/auth/activate', input),
    onSuccess: signedIn,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('POST', '/auth/logout'),
    onSettled: () => {
      sessionClosed();
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}
