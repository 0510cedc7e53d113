import { useWrite } from './api.ts';

/** POST/PUT/DELETE under the school, each refreshing the wizard's lists. */
export function useCrud(schoolId: string) {
  const write = useWrite(schoolId);
  return {
    post: <T = unknown>(path: string, body: unknown) => write.mutateAsync({ method: 'POST', path, body }) as Promise<T>,
    put: (path: string, body: unknown) => write.mutateAsync({ method: 'PUT', path, body }),
    remove: (path: string) => write.mutateAsync({ method: 'DELETE', path }),
    pending: write.isPending,
  };
}
