import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcademicYear } from '../../../shared/contract/calendar.ts';
import type { School } from '../../../shared/contract/organisation.ts';
import type { ClassOverview, ClassRoster } from '../../../shared/contract/classroom.ts';
import type { Absence } from '../../../shared/contract/journal.ts';
import type { Student, StudentUpdate } from '../../../shared/contract/people.ts';
import type { Class, Subject } from '../../../shared/contract/structure.ts';
import { api, ApiError } from '../../api/client.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

/** Every page of a school's list (hundreds of rows at most: a request or two of 500). */
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

const retry = (count: number, error: Error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
const LISTS = { staleTime: 5 * 60_000, retry };
const classPath = (schoolId: string, classId: string) => `/schools/${schoolId}/classes/${classId}`;

/** The school itself: a college calls its classes groups (группа) and the class teacher a curator. */
export const useSchool = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'school'], queryFn: () => api<School>('GET', `/schools/${schoolId}`), ...LISTS });

export const useYears = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'years'], queryFn: () => all<AcademicYear>(`/schools/${schoolId}/academic-years`), ...LISTS });

export const useClasses = (schoolId: string, yearId: string | undefined) =>
  useQuery({
    queryKey: ['classroom', schoolId, 'classes', yearId],
    queryFn: () => all<Class>(`/schools/${schoolId}/classes?academicYearId=${yearId}`),
    enabled: !!yearId,
    ...LISTS,
  });

export const useSubjects = (schoolId: string) =>
  useQuery({ queryKey: ['classroom', schoolId, 'subjects'], queryFn: () => all<Subject>(`/schools/${schoolId}/subjects`), ...LISTS });

/** `GET …/classes/:classId/overview?periodId=`: students × subjects of a period, and absences. */
export const useOverview = (schoolId: string, classId: string, periodId: string | null) =>
  useQuery({
    queryKey: ['classroom', schoolId, classId, 'overview', periodId],
    queryFn: () => api<ClassOverview>('GET', `${classPath(schoolId, classId)}/overview${periodId ? `?periodId=${periodId}` : ''}`),
    retry,
  });

const absencesKey = (schoolId: string, classId: string) => ['classroom', schoolId, classId, 'absences'] as const;

export const useAbsences = (schoolId: string, classId: string, from: string, to: string) =>
  useQuery({
    queryKey: [...absencesKey(schoolId, classId), from, to],
    queryFn: async () => (await api<{ items: Absence[] }>('GET', `${classPath(schoolId, classId)}/absences?from=${from}&to=${to}`)).items,
    retry,
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
  useQuery({ queryKey: rosterKey(schoolId, classId), queryFn: () => api<ClassRoster>('GET', `${classPath(schoolId, classId)}/roster`), retry });

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
  let response: Response;
  try {
    response = await fetch(`/api/v1/schools/${schoolId}/activation-codes`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json', 'x-klassny-csrf': '1' },
      body: JSON.stringify({ people }),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http', error?.message ?? '', error?.fields ?? {});
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'activation-codes.pdf';
  const count = Number(response.headers.get('x-klassny-slips') ?? people.length);
  return { url: URL.createObjectURL(await response.blob()), fileName, count };
}

export function useIssueSlips(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (people: { kind: 'student' | 'guardian'; id: string }[]) => issueSlips(schoolId, people),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKey(schoolId, classId) }),
  });
}
