import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/contract/auth.ts';
import type { MfaRequired } from '../../shared/contract/totp.ts';
import { api, ApiError } from './client.ts';

export const meKey = ['me'] as const;

/** `GET /me`; null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api<Me>('GET', '/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

function useSignedIn() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    queryClient.setQueryData(meKey, me);
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: { login: string; password: string }) => api<Me | MfaRequired>('POST', '/auth/login', input),
    onSuccess: (result) => {
      if (!('mfaRequired' in result)) signedIn(result);
    },
  });
}

export function useLoginTotp() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: { challenge: string; code: string }) => api<Me>('POST', '/auth/login/totp', input),
    onSuccess: signedIn,
  });
}

export function useActivate() {
  const signedIn = useSignedIn();
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
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}
