import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SchoolAccount } from '../../../shared/contract/accounts.ts';
import type { CompromiseReport, ReportLesson, ReviewedEntry } from '../../../shared/contract/audit.ts';
import type { Role } from '../../../shared/contract/enums.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { api, apiFile } from '../../api/client.ts';

import type { Page } from '../../api/lists.ts';
import { todayIso } from '../diary/dates.ts';

export type SecurityEvent = {
  id: string; kind: string; userId: string | null; schoolId: string | null; login: string | null;
  address: string; userAgent: string; details: Record<string, unknown>; createdAt: string;
};
export type CompromiseReportDetail = CompromiseReport & { changes: ReviewedEntry[]; lessons: ReportLesson[] };
export type ClassOption = { id: string; name: string; grade: number; letter: string };
export type PersonOption = { id: string; fullName: string };
export type PersonKind = 'staff' | 'student' | 'guardian';
const PEOPLE_PATH: Record<PersonKind, string> = { staff: 'staff', student: 'students', guardian: 'guardians' };

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export type AccountFilter = { q?: string; role?: Role; classId?: string };

/** `GET …/accounts`, page by page («Показать ещё»). */
export function useAccounts(schoolId: string, filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: ['accounts', schoolId, filter],
    queryFn: ({ pageParam }) => api<Page<SchoolAccount>>('GET', `/schools/${schoolId}/accounts${query({ ...filter, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The classes of the school's current year (shared/domain/periods.ts), for the class filter. */
export function useClasses(schoolId: string) {
  return useQuery({
    queryKey: ['accounts', 'classes', schoolId],
    queryFn: async () => {
      const years = (await api<Page<{ id: string; status: string; startsOn: string; endsOn: string }>>('GET', `/schools/${schoolId}/academic-years?limit=100`)).items;
      const year = currentYear(years, todayIso());
      if (!year) return [];
      const classes = (await api<Page<ClassOption>>('GET', `/schools/${schoolId}/classes?academicYearId=${year.id}&limit=500`)).items;
      return classes.sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'));
    },
    staleTime: 5 * 60_000,
  });
}

/** Staff, students or guardians found by name, to pick whom a new role acts as. */
export function usePeopleSearch(schoolId: string, kind: PersonKind, search: string, enabled: boolean) {
  return useQuery({
    queryKey: ['accounts', 'people', schoolId, kind, search],
    queryFn: () => api<Page<PersonOption>>('GET', `/schools/${schoolId}/${PEOPLE_PATH[kind]}${query({ search: search || undefined, limit: '20' })}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useInvalidate(...keys: string[]) {
  const client = useQueryClient();
  return () => Promise.all(keys.map((key) => client.invalidateQueries({ queryKey: [key] })));
}

export function useGrantRole(schoolId: string) {
  const invalidate = useInvalidate('accounts', 'security-events');
  return useMutation({
    mutationFn: (input: { userId: string; role: Role; personId: string }) =>
      api<SchoolAccount>('POST', `/schools/${schoolId}/accounts/${input.userId}/roles`, { role: input.role, personId: input.personId }),
    onSuccess: invalidate,
  });
}

export function useRevokeRole(schoolId: string) {
  const invalidate = useInvalidate('accounts', 'security-events');
  return useMutation({
    mutationFn: (input: { userId: string; role: Role }) => api<{ deleted: true }>('DELETE', `/schools/${schoolId}/accounts/${input.userId}/roles/${input.role}`),
    onSuccess: invalidate,
  });
}

export function useEndSessions(schoolId: string) {
  const invalidate = useInvalidate('security-events');
  return useMutation({
    mutationFn: (userId: string) => api<{ ended: number }>('POST', `/schools/${schoolId}/accounts/${userId}/sessions/end`),
    onSuccess: invalidate,
  });
}

export function useReportCompromise(schoolId: string) {
  const invalidate = useInvalidate('accounts', 'security-events', 'compromise-reports');
  return useMutation({
    mutationFn: (input: { userId: string; since: string; note: string }) =>
      api<CompromiseReport & { endedSessions: number }>('POST', `/schools/${schoolId}/accounts/${input.userId}/compromise`, { since: input.since, note: input.note }),
    onSuccess: invalidate,
  });
}

/**
 * `POST …/activation-codes` answers with a PDF: fetched here (the API client reads JSON) and
 * handed to the browser as a download.
 */
export function useIssueSlips(schoolId: string) {
  const invalidate = useInvalidate('security-events');
  return useMutation({
    mutationFn: async (body: { people: { kind: 'staff' | 'student' | 'guardian'; id: string }[] } | { classId: string; include: ('students' | 'guardians')[] }) => {
      const { blob, fileName: name, headers } = await apiFile(`/schools/${schoolId}/activation-codes`, body, 'activation-codes.pdf');
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { count: Number(headers.get('x-klassny-slips') ?? '0'), fileName: name };
    },
    onSuccess: invalidate,
  });
}

export type SecurityFilter = { kind?: string; login?: string; from?: string; to?: string };

export function useSecurityEvents(schoolId: string, filter: SecurityFilter) {
  return useInfiniteQuery({
    queryKey: ['security-events', schoolId, filter],
    queryFn: ({ pageParam }) => api<Page<SecurityEvent>>('GET', `/schools/${schoolId}/security-events${query({ ...filter, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCompromiseReports(schoolId: string) {
  return useInfiniteQuery({
    queryKey: ['compromise-reports', schoolId],
    queryFn: ({ pageParam }) => api<Page<CompromiseReport>>('GET', `/schools/${schoolId}/compromise-reports${query({ cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCompromiseReport(schoolId: string, id: string | undefined) {
  return useQuery({
    queryKey: ['compromise-reports', schoolId, id],
    queryFn: () => api<CompromiseReportDetail>('GET', `/schools/${schoolId}/compromise-reports/${id}`),
    enabled: Boolean(id),
  });
}

export function useDecideChange(schoolId: string, reportId: string) {
  const invalidate = useInvalidate('compromise-reports');
  return useMutation({
    mutationFn: (input: { seq: number; decision: 'revert' | 'confirm' | 'restore' }) =>
      api<ReviewedEntry>('POST', `/schools/${schoolId}/compromise-reports/${reportId}/entries/${input.seq}/${input.decision}`),
    onSettled: invalidate,
  });
}

/** Seed 003, 4.4: restore every voided journal change of one lesson, or confirm their voiding. */
export function useDecideLesson(schoolId: string, reportId: string) {
  const invalidate = useInvalidate('compromise-reports');
  return useMutation({
    mutationFn: (input: { lessonId: string; decision: 'restore' | 'confirm' }) =>
      api<{ lessonId: string; status: string; seqs: number[] }>('POST', `/schools/${schoolId}/compromise-reports/${reportId}/lessons/${input.lessonId}/${input.decision}`),
    onSettled: invalidate,
  });
}
