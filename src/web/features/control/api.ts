import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry } from '../../../shared/contract/audit.ts';
import type { AcademicYear, Period } from '../../../shared/contract/calendar.ts';
import type { DataChecks } from '../../../shared/contract/classroom.ts';
import type { ControlFlags, ControlRemarkCreate, ControlRemarkCreated } from '../../../shared/contract/control.ts';
import type { ClosurePreview, PeriodClosure, ReopeningCreate } from '../../../shared/contract/grading.ts';
import type { WorkType } from '../../../shared/contract/journal.ts';
import type { Staff, Student } from '../../../shared/contract/people.ts';
import type { Class, Subject, TeachingGroup } from '../../../shared/contract/structure.ts';
import type { Lesson } from '../../../shared/contract/timetable.ts';
import { api } from '../../api/client.ts';

import type { Page } from '../../api/lists.ts';
const school = (schoolId: string) => `/schools/${schoolId}`;
const list = async <T>(path: string) => (await api<Page<T>>('GET', path)).items;
const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();

export const useYears = (schoolId: string) => useQuery({
  queryKey: ['control', schoolId, 'years'],
  queryFn: () => list<AcademicYear>(`${school(schoolId)}/academic-years?limit=100`),
  staleTime: 5 * 60_000,
});

export const usePeriods = (schoolId: string, yearId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'periods', yearId],
  queryFn: () => list<Period>(`${school(schoolId)}/periods?${qs({ academicYearId: yearId, limit: '100' })}`),
  enabled: !!yearId,
  staleTime: 5 * 60_000,
});

export const useClasses = (schoolId: string, yearId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'classes', yearId],
  queryFn: () => list<Class>(`${school(schoolId)}/classes?${qs({ academicYearId: yearId, limit: '500' })}`),
  enabled: !!yearId,
  staleTime: 5 * 60_000,
});

export const useGroups = (schoolId: string, yearId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'groups', yearId],
  queryFn: () => list<TeachingGroup>(`${school(schoolId)}/teaching-groups?${qs({ academicYearId: yearId, limit: '500' })}`),
  enabled: !!yearId,
  staleTime: 5 * 60_000,
});

export const useStaff = (schoolId: string) => useQuery({
  queryKey: ['control', schoolId, 'staff'],
  queryFn: () => list<Staff>(`${school(schoolId)}/staff?limit=500`),
  staleTime: 5 * 60_000,
});

export const useSubjects = (schoolId: string) => useQuery({
  queryKey: ['control', schoolId, 'subjects'],
  queryFn: () => list<Subject>(`${school(schoolId)}/subjects?limit=500`),
  staleTime: 5 * 60_000,
});

export const useWorkTypes = (schoolId: string) => useQuery({
  queryKey: ['control', schoolId, 'work-types'],
  queryFn: () => list<WorkType>(`${school(schoolId)}/work-types?limit=500`),
  staleTime: 5 * 60_000,
});

export const useStudentsOfClass = (schoolId: string, classId: string | undefined, on?: string) => useQuery({
  queryKey: ['control', schoolId, 'students', classId, on],
  queryFn: () => list<Student>(`${school(schoolId)}/students?${qs({ classId, on, limit: '500' })}`),
  enabled: !!classId,
  staleTime: 60_000,
});

export const useStudent = (schoolId: string, studentId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'student', studentId],
  queryFn: () => api<Student>('GET', `${school(schoolId)}/students/${studentId}`),
  enabled: !!studentId,
});

export const useLesson = (schoolId: string, lessonId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'lesson', lessonId],
  queryFn: () => api<Lesson>('GET', `${school(schoolId)}/lessons/${lessonId}`),
  enabled: !!lessonId,
});

export const useGroupLessons = (schoolId: string, groupId: string | undefined, from: string | undefined, to: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'lessons', groupId, from, to],
  queryFn: () => list<Lesson>(`${school(schoolId)}/lessons?${qs({ groupId, from, to, limit: '500' })}`),
  enabled: !!groupId && !!from && !!to,
});

export const useFlags = (schoolId: string, query: { from?: string; to?: string; staffId?: string; classId?: string }) => useQuery({
  queryKey: ['control', schoolId, 'flags', query],
  queryFn: () => api<ControlFlags>('GET', `${school(schoolId)}/control/flags?${qs(query)}`),
  enabled: !!query.from && !!query.to,
  placeholderData: keepPreviousData,
});

/** Seed 001, 6.2: the caller's own flags (his staff record, decided by the server) with the deputy's remarks. */
export const useMyFlags = (schoolId: string, query: { from?: string; to?: string }) => useQuery({
  queryKey: ['control', schoolId, 'flags', 'mine', query],
  queryFn: () => api<ControlFlags>('GET', `${school(schoolId)}/control/my-flags?${qs(query)}`),
  enabled: !!query.from && !!query.to,
  placeholderData: keepPreviousData,
});

/** Seed 001, 4.3.2: the board of one class, for its class teacher (and the whole-school roles). */
export const useClassFlags = (schoolId: string, classId: string, query: { from?: string; to?: string }) => useQuery({
  queryKey: ['control', schoolId, 'flags', 'class', classId, query],
  queryFn: () => api<ControlFlags>('GET', `${school(schoolId)}/control/classes/${classId}/flags?${qs(query)}`),
  enabled: !!query.from && !!query.to,
  placeholderData: keepPreviousData,
});

/** `POST /control/remarks`: a remark on a flag; every board showing flags is read again. */
export function useAddRemark(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ControlRemarkCreate) => api<ControlRemarkCreated>('POST', `${school(schoolId)}/control/remarks`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['control', schoolId, 'flags'] }),
  });
}

const dataChecksKey = (schoolId: string, classId: string) => ['control', schoolId, 'data-checks', classId] as const;

/** Seed 001, 3.3: the class's last personal-data check and whether the next is due. */
export const useDataChecks = (schoolId: string, classId: string) => useQuery({
  queryKey: dataChecksKey(schoolId, classId),
  queryFn: () => api<DataChecks>('GET', `${school(schoolId)}/classes/${classId}/data-checks`),
});

export function useMarkDataChecked(schoolId: string, classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<DataChecks>('POST', `${school(schoolId)}/classes/${classId}/data-checks`),
    onSuccess: (data) => client.setQueryData(dataChecksKey(schoolId, classId), data),
  });
}

const closureKey = (schoolId: string) => ['control', schoolId, 'closure'] as const;

/** The closure state of each period (a handful per year). */
export const useClosures = (schoolId: string, periodIds: string[]) => useQueries({
  queries: periodIds.map((id) => ({
    queryKey: [...closureKey(schoolId), id],
    queryFn: () => api<PeriodClosure>('GET', `${school(schoolId)}/periods/${id}/closure`),
  })),
});

/** Before closing: what the period's journal still lacks; always read afresh when the dialog opens. */
export const useClosurePreview = (schoolId: string, periodId: string) => useQuery({
  queryKey: [...closureKey(schoolId), periodId, 'preview'],
  queryFn: () => api<ClosurePreview>('GET', `${school(schoolId)}/periods/${periodId}/closure/preview`),
  staleTime: 0,
  gcTime: 0,
});

export type AuditFilter = { lessonId?: string; studentId?: string; periodId?: string; entity?: string };

export const useAudit = (schoolId: string, filter: AuditFilter, enabled = true) => useInfiniteQuery({
  queryKey: ['control', schoolId, 'audit', filter],
  queryFn: ({ pageParam }) => api<Page<AuditEntry>>('GET', `${school(schoolId)}/audit?${qs({ ...filter, cursor: pageParam, limit: '50' })}`),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  enabled,
});

function useInvalidateClosures(schoolId: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: closureKey(schoolId) }),
    client.invalidateQueries({ queryKey: ['control', schoolId, 'audit'] }),
  ]);
}

export function useClosePeriod(schoolId: string) {
  const invalidate = useInvalidateClosures(schoolId);
  return useMutation({
    mutationFn: (periodId: string) => api<PeriodClosure>('POST', `${school(schoolId)}/periods/${periodId}/close`),
    onSuccess: invalidate,
  });
}

export function useReopenPeriod(schoolId: string) {
  const invalidate = useInvalidateClosures(schoolId);
  return useMutation({
    mutationFn: ({ periodId, body }: { periodId: string; body: ReopeningCreate }) =>
      api<unknown>('POST', `${school(schoolId)}/periods/${periodId}/reopen`, body),
    onSuccess: invalidate,
  });
}
