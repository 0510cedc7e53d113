import { useQuery } from '@tanstack/react-query';
import type { AcademicYear, Period } from '../../../shared/contract/calendar.ts';
import type { PeriodClosure } from '../../../shared/contract/grading.ts';
import type { Attendance, AttendanceTaking, Journal, Mark } from '../../../shared/contract/journal.ts';
import type { Staff } from '../../../shared/contract/people.ts';
import type { Assignment, Class, Subject, TeachingGroup } from '../../../shared/contract/structure.ts';
import { api } from '../../api/client.ts';
import { allPages, LIST_QUERY, noRetryOn4xx } from '../../api/lists.ts';
import type { Op, SentResult } from './offlineQueue.ts';

export const useYears = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'years'], queryFn: () => allPages<AcademicYear>(`/schools/${schoolId}/academic-years`), ...LIST_QUERY });

export const usePeriods = (schoolId: string, yearId: string | undefined) =>
  useQuery({ queryKey: ['journal', schoolId, 'periods', yearId], queryFn: () => allPages<Period>(`/schools/${schoolId}/periods?academicYearId=${yearId}`), enabled: !!yearId, ...LIST_QUERY });

export const useAssignments = (schoolId: string, groupId?: string) =>
  useQuery({
    queryKey: ['journal', schoolId, 'assignments', groupId ?? 'all'],
    queryFn: () => allPages<Assignment>(`/schools/${schoolId}/assignments${groupId ? `?groupId=${groupId}` : ''}`),
    ...LIST_QUERY,
  });

export const useGroups = (schoolId: string, enabled = true) =>
  useQuery({ queryKey: ['journal', schoolId, 'groups'], queryFn: () => allPages<TeachingGroup>(`/schools/${schoolId}/teaching-groups`), enabled, ...LIST_QUERY });

export const useGroup = (schoolId: string, groupId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'group', groupId], queryFn: () => api<TeachingGroup>('GET', `/schools/${schoolId}/teaching-groups/${groupId}`), ...LIST_QUERY });

export const useClasses = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'classes'], queryFn: () => allPages<Class>(`/schools/${schoolId}/classes`), ...LIST_QUERY });

export const useSubjects = (schoolId: string) =>
  useQuery({ queryKey: ['journal', schoolId, 'subjects'], queryFn: () => allPages<Subject>(`/schools/${schoolId}/subjects`), ...LIST_QUERY });

export const useStaff = (schoolId: string, enabled: boolean) =>
  useQuery({ queryKey: ['journal', schoolId, 'staff'], queryFn: () => allPages<Staff>(`/schools/${schoolId}/staff`), enabled, ...LIST_QUERY });

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

/** «Все присутствуют» (seed 003, 2.5): the lesson's attendance was taken; sent at once, not queued. */
export const takeAttendance = (schoolId: string, lessonId: string) =>
  api<AttendanceTaking>('POST', `/schools/${schoolId}/lessons/${lessonId}/attendance/all-present`);

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
