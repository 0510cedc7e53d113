import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/contract/auth.ts';
import type { AcademicYear, Period } from '../../../shared/contract/calendar.ts';
import type { PeriodClosure } from '../../../shared/contract/grading.ts';
import type { Attendance, Journal, Mark } from '../../../shared/contract/journal.ts';
import type { Staff } from '../../../shared/contract/people.ts';
import type { Assignment, Class, Subject, TeachingGroup } from '../../../shared/contract/structure.ts';
import { api, ApiError } from '../../api/client.ts';
import type { Op, SentResult } from './offlineQueue.ts';

/** The staff records a person acts as in a school (his teacher roles). */
export const myStaffIdsOf = (me: Me | null | undefined, schoolId: string) =>
  me?.roles.filter((r) => r.schoolId === schoolId && r.role === 'teacher' && r.personId).map((r) => r.personId!) ?? [];

type Page<T> = { items: T[]; nextCursor: string | null };

/** Every page of a school's list (a school has hundreds of rows at most: a few requests of 500). */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const join = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 20; page++) {
    const result: Page<T> = await api<Page<T>>('GET', `${path}${join}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

const noRetryOn4xx = (count: number, error: Error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
const LISTS = { staleTime: 5 * 60_000, retry: noRetryOn4xx };

export const useYears = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'years'], queryFn: () => all<AcademicYear>(`/schools/${schoolId}/academic-years`), ...LISTS });

export const usePeriods = (schoolId: string, yearId: string | undefined) =>
  useQuery({ queryKey: ['journal', schoolId, 'periods', yearId], queryFn: () => all<Period>(`/schools/${schoolId}/periods?academicYearId=${yearId}`), enabled: !!yearId, ...LISTS });

export const useAssignments = (schoolId: string, groupId?: string) =>
  useQuery({
    queryKey: ['journal', schoolId, 'assignments', groupId ?? 'all'],
    queryFn: () => all<Assignment>(`/schools/${schoolId}/assignments${groupId ? `?groupId=${groupId}` : ''}`),
    ...LISTS,
  });

export const useGroups = (schoolId: string, enabled = true) =>
  useQuery({ queryKey: ['journal', schoolId, 'groups'], queryFn: () => all<TeachingGroup>(`/schools/${schoolId}/teaching-groups`), enabled, ...LISTS });

export const useGroup = (schoolId: string, groupId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'group', groupId], queryFn: () => api<TeachingGroup>('GET', `/schools/${schoolId}/teaching-groups/${groupId}`), ...LISTS });

export const useClasses = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'classes'], queryFn: () => all<Class>(`/schools/${schoolId}/classes`), ...LISTS });

export const useSubjects = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'subjects'], queryFn: () => all<Subject>(`/schools/${schoolId}/subjects`), ...LISTS });

export const useStaff = (schoolId: string, enabled: boolean) =>
  useQuery({ queryKey: ['journal', schoolId, 'staff'], queryFn: () => all<Staff>(`/schools/${schoolId}/staff`), enabled, ...LISTS });

/** `GET /schools/:id/journal`: the page of a group's subject for a period, in one request. */
export const useJournal = (schoolId: string, groupId: string, subjectId: string | undefined, periodId: string | undefined) =>
  useQuery({
    queryKey: ['journal', schoolId, 'page', groupId, subjectId, periodId],
    queryFn: () => api<Journal>('GET', `/schools/${schoolId}/journal?groupId=${groupId}&subjectId=${subjectId}&periodId=${periodId}`),
    enabled: !!subjectId && !!periodId,
    retry: noRetryOn4xx,
    // The grid keeps its own copy while open: a background refetch would overwrite typing.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    gcTime: 0,
  });

export const useClosure = (schoolId: string, periodId: string | undefined) =>
  useQuery({
    queryKey: ['journal', schoolId, 'closure', periodId],
    queryFn: () => api<PeriodClosure>('GET', `/schools/${schoolId}/periods/${periodId}/closure`),
    enabled: !!periodId,
    retry: noRetryOn4xx,
  });

export type SentAnswer = { kind: 'mark'; mark: Mark } | { kind: 'attendance'; row: Attendance };

/** Sends one queued edit; the answer carries what the server now holds. */
export async function sendOp(schoolId: string, op: Op): Promise<SentAnswer> {
  const s = `/schools/${schoolId}`;
  switch (op.kind) {
    case 'mark.create':
      return { kind: 'mark', mark: await api<Mark>('POST', `${s}/lessons/${op.lessonId}/marks`, {
        id: op.markId, studentId: op.studentId, workTypeId: op.workTypeId, value: op.value, scale: op.scale, weight: op.weight, comment: op.comment,
      }) };
    case 'mark.update':
      return { kind: 'mark', mark: await api<Mark>('PATCH', `${s}/marks/${op.markId}`, {
        version: op.version, value: op.value, workTypeId: op.workTypeId, weight: op.weight, comment: op.comment,
      }) };
    case 'mark.delete':
      return { kind: 'mark', mark: await api<Mark>('DELETE', `${s}/marks/${op.markId}?version=${op.version}`) };
    case 'attendance.put':
      return { kind: 'attendance', row: await api<Attendance>('PUT', `${s}/lessons/${op.lessonId}/attendance/${op.studentId}`, {
        code: op.code, ...(op.version === undefined ? {} : { version: op.version }),
      }) };
  }
}

export const resultOf = (answer: SentAnswer): SentResult =>
  answer.kind === 'mark' ? { id: answer.mark.id, version: answer.mark.version } : { id: answer.row.id, version: answer.row.version };
