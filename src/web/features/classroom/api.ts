import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcademicYear } from '../../../shared/contract/calendar.ts';
import type { School } from '../../../shared/contract/organisation.ts';
import type { ClassOverview, ClassRoster } from '../../../shared/contract/classroom.ts';
import type { Absence } from '../../../shared/contract/journal.ts';
import type { Student, StudentUpdate } from '../../../shared/contract/people.ts';
import type { Class, Subject } from '../../../shared/contract/structure.ts';
import { api, apiFile } from '../../api/client.ts';
import { allPages, LIST_QUERY, noRetryOn4xx } from '../../api/lists.ts';


const classPath = (schoolId: string, classId: string) => `/schools/${schoolId}/classes/${classId}`;

/** The school itself: a college calls its classes groups (группа) and the class teacher a curator. */
export const useSchool = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'school'], queryFn: () => api<School>('GET', `/schools/${schoolId}`), ...LIST_QUERY });

export const useYears = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'years'], queryFn: () => allPages<AcademicYear>(`/schools/${schoolId}/academic-years`), ...LIST_QUERY });

export const useClasses = (schoolId: string, yearId: string | undefined) =>
  useQuery({
    queryKey: ['classroom', schoolId, 'classes', yearId],
    queryFn: () => allPages<Class>(`/schools/${schoolId}/classes?academicYearId=${yearId}`),
    enabled: !!yearId,
    ...LIST_QUERY,
  });

export const useSubjects = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'subjects'], queryFn: () => allPages<Subject>(`/schools/${schoolId}/subjects`), ...LIST_QUERY });

/** `GET …/classes/:classId/overview?periodId=`: students × subjects of a period, and absences. */
export const useOverview = (schoolId: string, classId: string, periodId: string | null) =>
  useQuery({
    queryKey: ['classroom', schoolId, classId, 'overview', periodId],
    queryFn: () => api<ClassOverview>('GET', `${classPath(schoolId, classId)}/overview${periodId ? `?periodId=${periodId}` : ''}`),
    retry: noRetryOn4xx,
  });

const absencesKey = (schoolId: string, classId: string) => ['classroom', schoolId, classId, 'absences'] as const;

export const useAbsences = (schoolId: string, classId: string, from: string, to: string) =>
  useQuery({
    queryKey: [...absencesKey(schoolId, classId), from, to],
    queryFn: async () => (await api<{ items: Absence[] }>('GET', `${classPath(schoolId, classId)}/absences?from=${from}&to=${to}`)).items,
    retry: noRetryOn4xx,
  });

/** `POST …/absences/confirm`: confirms the chosen absences, correcting their reasons. */
export function useConfirmAbsences(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: string[]; reasons?: Record<string, string> }) =>
      api<{ items: Absence[] }>('POST', `${classPath(schoolId, classId)}/absences/confirm`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: absencesKey(schoolId, classId) }),
  });
}

const rosterKey = (schoolId: string, classId: string) => ['classroom', schoolId, classId, 'roster'] as const;

/** `GET …/classes/:classId/roster`: today's students with personal data and guardians. */
export const useRoster = (schoolId: string, classId: string) =>
  useQuery({ queryKey: rosterKey(schoolId, classId), queryFn: () => api<ClassRoster>('GET', `${classPath(schoolId, classId)}/roster`), retry: noRetryOn4xx });

/** `PATCH /students/:id` (student.update: the class teacher of the student's class, the admin). */
export function useUpdateStudent(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Record<keyof StudentUpdate, string>> }) =>
      api<Student>('PATCH', `/schools/${schoolId}/students/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKey(schoolId, classId) }),
  });
}

export type Slips = { url: string; fileName: string; count: number };

/**
 * `POST /activation-codes` answers a PDF, not JSON: fetched here as a file with the CSRF header
 * (as `api()` does); a refusal is still a JSON error.
 */
async function issueSlips(schoolId: string, people: { kind: 'student' | 'guardian'; id: string }[]): Promise<Slips> {
  const { blob, fileName, headers } = await apiFile(`/schools/${schoolId}/activation-codes`, { people }, 'activation-codes.pdf');
  return { url: URL.createObjectURL(blob), fileName, count: Number(headers.get('x-klassny-slips') ?? people.length) };
}

export function useIssueSlips(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (people: { kind: 'student' | 'guardian'; id: string }[]) => issueSlips(schoolId, people),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKey(schoolId, classId) }),
  });
}
