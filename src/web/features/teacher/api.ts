import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Period } from '../../../shared/contract/calendar.ts';
import type { AcceptBatch, AcceptPreview, PeriodMark, PeriodMarkSheet } from '../../../shared/contract/grading.ts';
import type { Attachment, Homework, HomeworkCreate, HomeworkUpdate, LessonSave, LessonSaved } from '../../../shared/contract/homework.ts';
import type { WorkType } from '../../../shared/contract/journal.ts';
import type { Assignment, Class, Subject, TeachingGroup } from '../../../shared/contract/structure.ts';
import type { Lesson, LessonContext, MyLessons } from '../../../shared/contract/timetable.ts';
import { api, apiFetch } from '../../api/client.ts';
import { noRetryOn4xx } from '../../api/lists.ts';

const school = (schoolId: string) => `/schools/${schoolId}`;

/** `GET /me/lessons?date=`: the teacher's lessons of a day, substitutions included. */
export function useMyLessons(schoolId: string, date: string) {
  return useQuery({
    queryKey: ['my-lessons', schoolId, date],
    queryFn: () => api<MyLessons>('GET', `${school(schoolId)}/me/lessons?date=${date}`),
    retry: noRetryOn4xx,
  });
}

/** «Все присутствуют» (seed 003, 2.5): the lesson's attendance was taken; the day's lessons are re-read. */
export function useAllPresent(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lessonId: string) => api<unknown>('POST', `${school(schoolId)}/lessons/${lessonId}/attendance/all-present`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['my-lessons', schoolId] }),
  });
}

const contextKey = (schoolId: string, lessonId: string) => ['lesson-context', schoolId, lessonId] as const;

/** `GET /lessons/:id/context`: the lesson with its group's students, next lessons and КТП. */
export function useLessonContext(schoolId: string, lessonId: string) {
  return useQuery({
    queryKey: contextKey(schoolId, lessonId),
    queryFn: () => api<LessonContext>('GET', `${school(schoolId)}/lessons/${lessonId}/context`),
    retry: noRetryOn4xx,
  });
}

export function useWorkTypes(schoolId: string) {
  return useQuery({
    queryKey: ['work-types', schoolId],
    queryFn: async () => (await api<{ items: WorkType[] }>('GET', `${school(schoolId)}/work-types`)).items,
    staleTime: 5 * 60_000,
    retry: noRetryOn4xx,
  });
}

const homeworkKey = (schoolId: string, lessonId: string) => ['lesson-homework', schoolId, lessonId] as const;

/** The homework set at one lesson: the group's homework of the lesson's date, this lesson's only. */
export function useLessonHomework(schoolId: string, lesson: Pick<Lesson, 'id' | 'groupId' | 'date'> | undefined) {
  return useQuery({
    queryKey: homeworkKey(schoolId, lesson?.id ?? ''),
    enabled: lesson !== undefined,
    queryFn: async () => {
      const query = new URLSearchParams({ groupId: lesson!.groupId, from: lesson!.date, to: lesson!.date, by: 'lesson', limit: '100' });
      const page = await api<{ items: Homework[] }>('GET', `${school(schoolId)}/homework?${query}`);
      return page.items.filter((h) => h.lessonId === lesson!.id);
    },
    retry: noRetryOn4xx,
  });
}

/**
 * The lesson page's one «Сохранить» (`POST /lessons/:id/save`): the lesson, its homework and the
 * files held since they were chosen, as one multipart request written in one transaction.
 */
export function useSaveLessonPage(schoolId: string, lessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, files }: { body: LessonSave; files: readonly File[] }) => {
      const form = new FormData();
      form.append('data', JSON.stringify(body));
      for (const file of files) form.append('file', file);
      const response = await apiFetch(`${school(schoolId)}/lessons/${lessonId}/save`, {
        method: 'POST', body: form, headers: { accept: 'application/json', 'x-klassny-csrf': '1' },
      });
      return (await response.json()) as LessonSaved;
    },
    onSuccess: (saved) => {
      // The saved homework shows at once, before the list is read again.
      const hw = saved.homework;
      if (hw) queryClient.setQueryData<Homework[]>(homeworkKey(schoolId, lessonId), (list = []) => [...list.filter((h) => h.id !== hw.id), hw]);
    },
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: contextKey(schoolId, lessonId) }),
      queryClient.invalidateQueries({ queryKey: homeworkKey(schoolId, lessonId) }),
    ]),
  });
}

type HomeworkWrite =
  | { kind: 'create'; body: HomeworkCreate }
  | { kind: 'update'; id: string; body: HomeworkUpdate }
  | { kind: 'delete'; id: string; version: number };

export function useSaveHomework(schoolId: string, lessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (write: HomeworkWrite) => {
      if (write.kind === 'create') return api<Homework>('POST', `${school(schoolId)}/lessons/${lessonId}/homework`, write.body);
      if (write.kind === 'update') return api<Homework>('PATCH', `${school(schoolId)}/homework/${write.id}`, write.body);
      return api<unknown>('DELETE', `${school(schoolId)}/homework/${write.id}?version=${write.version}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: homeworkKey(schoolId, lessonId) }),
  });
}

export const attachmentUrl = (schoolId: string, file: Pick<Attachment, 'homeworkId' | 'id'>) =>
  `/api/v1${school(schoolId)}/homework/${file.homeworkId}/attachments/${file.id}`;

// --- period marks ---

/** The group, its grade's periods and the subjects the teacher is assigned in it: the sheet's choices. */
export function usePeriodMarkChoices(schoolId: string, groupId: string, staffIds: string[]) {
  return useQuery({
    queryKey: ['period-mark-choices', schoolId, groupId, staffIds.join(',')],
    queryFn: async () => {
      const group = await api<TeachingGroup>('GET', `${school(schoolId)}/teaching-groups/${groupId}`);
      const grade = group.classId ? (await api<Class>('GET', `${school(schoolId)}/classes/${group.classId}`)).grade : null;
      const periodQuery = new URLSearchParams({ academicYearId: group.academicYearId, limit: '100', ...(grade === null ? {} : { grade: String(grade) }) });
      const [periods, assignments, subjects] = await Promise.all([
        api<{ items: Period[] }>('GET', `${school(schoolId)}/periods?${periodQuery}`),
        api<{ items: Assignment[] }>('GET', `${school(schoolId)}/assignments?groupId=${groupId}&limit=100`),
        api<{ items: Subject[] }>('GET', `${school(schoolId)}/subjects?limit=500`),
      ]);
      const mine = assignments.items.filter((a) => staffIds.includes(a.staffId));
      const subjectIds = new Set((mine.length > 0 ? mine : assignments.items).map((a) => a.subjectId));
      return {
        group,
        periods: periods.items.sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
        subjects: subjects.items.filter((s) => subjectIds.has(s.id)),
      };
    },
    retry: noRetryOn4xx,
  });
}

export type SheetTarget = { groupId: string; subjectId: string; periodId: string | null; academicYearId: string };
const sheetKey = (schoolId: string, t: SheetTarget) => ['period-mark-sheet', schoolId, t.groupId, t.subjectId, t.periodId ?? `year:${t.academicYearId}`] as const;
const targetQuery = (t: SheetTarget): Record<string, string> => (t.periodId ? { periodId: t.periodId } : { academicYearId: t.academicYearId });

export function usePeriodMarkSheet(schoolId: string, target: SheetTarget | null) {
  return useQuery({
    queryKey: target ? sheetKey(schoolId, target) : ['period-mark-sheet', 'none'],
    enabled: target !== null,
    queryFn: () => {
      const t = target!;
      const query = new URLSearchParams({ groupId: t.groupId, subjectId: t.subjectId, ...targetQuery(t) });
      return api<PeriodMarkSheet>('GET', `${school(schoolId)}/period-marks?${query}`);
    },
    retry: noRetryOn4xx,
  });
}

/** One student's final mark (`PUT /period-marks`). */
export function useSavePeriodMarks(schoolId: string, target: SheetTarget | null) {
  const queryClient = useQueryClient();
  const refresh = () => target && queryClient.invalidateQueries({ queryKey: sheetKey(schoolId, target) });
  const one = useMutation({
    mutationFn: (item: { studentId: string; value: string; version?: number }) =>
      api<PeriodMark>('PUT', `${school(schoolId)}/period-marks`, { groupId: target!.groupId, subjectId: target!.subjectId, ...targetQuery(target!), ...item }),
    onSettled: refresh,
  });
  return { one };
}

/**
 * «Принять предложенные»: the preview (`GET …/accept-preview`, nothing written), the confirmation
 * of exactly what it showed (`POST …/accept`) and the undo of the batch (`POST …/accepts/:id/undo`).
 */
export function useAcceptSuggestions(schoolId: string, target: SheetTarget) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: sheetKey(schoolId, target) });
  const preview = useMutation({
    mutationFn: () => {
      const query = new URLSearchParams({ groupId: target.groupId, subjectId: target.subjectId, ...targetQuery(target) });
      return api<AcceptPreview>('GET', `${school(schoolId)}/period-marks/accept-preview?${query}`);
    },
  });
  const confirm = useMutation({
    mutationFn: (p: AcceptPreview) => api<{ batch: AcceptBatch; items: PeriodMark[] }>('POST', `${school(schoolId)}/period-marks/accept`, {
      groupId: target.groupId, subjectId: target.subjectId, ...targetQuery(target),
      items: p.items.map((i) => ({ studentId: i.student.id, value: i.value, ...(i.current ? { version: i.current.version } : {}) })),
    }),
    onSettled: refresh,
  });
  const undo = useMutation({
    mutationFn: (batchId: string) => api<{ restored: PeriodMark[]; removed: string[] }>('POST', `${school(schoolId)}/period-marks/accepts/${batchId}/undo`, {}),
    onSettled: refresh,
  });
  return { preview, confirm, undo };
}
