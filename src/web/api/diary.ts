import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AcademicYear, Period } from '../../shared/contract/calendar.ts';
import type { DiaryFinalMarks, DiaryMarks, DiaryStudent, DiaryWeek } from '../../shared/contract/diary.ts';
import { api } from './client.ts';
import { noRetryOn4xx } from './lists.ts';

const diaryPath = (schoolId: string, studentId: string) => `/schools/${schoolId}/students/${studentId}/diary`;


/**
 * `GET /me/diary-students`: whose diaries the person may open (themself, their children). The
 * week's code (a lazy chunk, 4 KB) is fetched alongside: home sends a student or a guardian
 * straight to the diary, and the first screen after sign-in should not wait for it in turn.
 */
export function useDiaryStudents() {
  return useQuery({
    queryKey: ['diary-students'],
    queryFn: async () => {
      void import('../features/diary/DiaryPage.tsx').catch(() => undefined);
      return (await api<{ items: DiaryStudent[] }>('GET', '/me/diary-students')).items;
    },
    staleTime: 5 * 60_000,
  });
}

/** Every query of one student's diary starts with this key: a live change re-fetches them all. */
const studentKey = (schoolId: string, studentId: string) => ['diary', schoolId, studentId] as const;

/** `GET …/diary/week?date=`: Monday to Saturday of the week holding `date`. */
export function useDiaryWeek(schoolId: string, studentId: string, date: string) {
  return useQuery({
    queryKey: [...studentKey(schoolId, studentId), 'week', date],
    queryFn: () => api<DiaryWeek>('GET', `${diaryPath(schoolId, studentId)}/week?date=${date}`),
    retry: noRetryOn4xx,
  });
}

/** `GET …/diary/marks?periodId=`: the period's marks by subject, mean, suggestion, period mark. */
export function useDiaryMarks(schoolId: string, studentId: string, periodId: string | undefined) {
  return useQuery({
    queryKey: [...studentKey(schoolId, studentId), 'marks', periodId],
    queryFn: () => api<DiaryMarks>('GET', `${diaryPath(schoolId, studentId)}/marks?periodId=${periodId}`),
    enabled: !!studentId && !!periodId,
    retry: noRetryOn4xx,
  });
}

/** `GET …/diary/final-marks?academicYearId=`: the student's periods of the year, period and year marks. */
export function useDiaryFinalMarks(schoolId: string, studentId: string, academicYearId: string | undefined) {
  return useQuery({
    queryKey: [...studentKey(schoolId, studentId), 'final', academicYearId],
    queryFn: () => api<DiaryFinalMarks>('GET', `${diaryPath(schoolId, studentId)}/final-marks?academicYearId=${academicYearId}`),
    enabled: !!studentId && !!academicYearId,
    retry: noRetryOn4xx,
  });
}

/** `GET /schools/:id/academic-years`: the school's years (a handful), for the marks page. */
export function useSchoolYears(schoolId: string) {
  return useQuery({
    queryKey: ['academic-years', schoolId],
    queryFn: async () => (await api<{ items: AcademicYear[] }>('GET', `/schools/${schoolId}/academic-years?limit=500`)).items,
    staleTime: 10 * 60_000,
    retry: noRetryOn4xx,
  });
}

/** `GET /schools/:id/periods/:periodId`: which year a period named in the address belongs to. */
export function usePeriod(schoolId: string, periodId: string | null) {
  return useQuery({
    queryKey: ['period', schoolId, periodId],
    queryFn: () => api<Period>('GET', `/schools/${schoolId}/periods/${periodId}`),
    enabled: !!periodId,
    staleTime: 10 * 60_000,
    retry: noRetryOn4xx,
  });
}

/**
 * Listens to `…/diary/events` while the diary is open: every `change` re-fetches what is shown
 * of this student (weeks, marks by subject, final marks). EventSource reconnects by itself (the
 * server asks for 5 s).
 */
export function useDiaryEvents(schoolId: string, studentId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/v1${diaryPath(schoolId, studentId)}/events`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: studentKey(schoolId, studentId) });
    source.addEventListener('change', refresh);
    // This session opened more diaries than the server keeps live (DIARY_STREAMS_PER_SESSION): the
    // newest ones stay live, this one stops reconnecting and shows what it has.
    source.addEventListener('superseded', () => source.close());
    // After a dropped connection, changes made meanwhile were not heard: re-fetch on reconnect.
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) refresh();
      opened = true;
    });
    return () => source.close();
  }, [queryClient, schoolId, studentId, enabled]);
}
