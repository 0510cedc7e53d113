import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcademicYear } from '../../../../shared/contract/calendar.ts';
import type { School } from '../../../../shared/contract/organisation.ts';
import { api } from '../../../api/client.ts';

/** Every query of the wizard starts with this key: a write refreshes them all (lists are small). */
const setupKey = (schoolId: string) => ['setup', schoolId] as const;

export type Params = Record<string, string | number | undefined>;

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The largest page a list endpoint gives; the wizard shows one page and says when there is more. */
export const PAGE = 500;
export type ListPage<T> = { items: T[]; nextCursor: string | null };

/** `GET /schools/:schoolId/<path>?limit=500&…` — one page of a school list. */
export function useList<T>(schoolId: string, path: string, params: Params = {}, enabled = true) {
  return useQuery({
    queryKey: [...setupKey(schoolId), path, params],
    queryFn: () => api<ListPage<T>>('GET', `/schools/${schoolId}/${path}${query({ limit: PAGE, ...params })}`),
    enabled,
  });
}

/** `GET /schools/:schoolId/<path>` returning one object (not paginated). */
export function useItem<T>(schoolId: string, path: string, params: Params = {}, enabled = true) {
  return useQuery({
    queryKey: [...setupKey(schoolId), path, params],
    queryFn: () => api<T>('GET', `/schools/${schoolId}/${path}${query(params)}`),
    enabled,
  });
}

export const useYears = (schoolId: string) => useList<AcademicYear>(schoolId, 'academic-years');

export function useSchool(schoolId: string) {
  return useQuery({ queryKey: [...setupKey(schoolId), 'school'], queryFn: () => api<School>('GET', `/schools/${schoolId}`) });
}

/** Any write under the school; on success every list of the wizard is read again. */
export function useWrite<TBody = unknown, TResult = unknown>(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; body?: TBody }) =>
      api<TResult>(method, `/schools/${schoolId}/${path}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: setupKey(schoolId) }),
  });
}
