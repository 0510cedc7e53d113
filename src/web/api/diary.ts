import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { DiaryStudent, DiaryWeek } from '../../shared/contract/diary.ts';
import { api } from './client.ts';

const diaryPath = (schoolId: string, studentId: string) => `/schools/${schoolId}/students/${studentId}/diary`;

/** `GET /me/diary-students`: whose diaries the person may open (themself, their children). */
export function useDiaryStudents() {
  return useQuery({
    queryKey: ['diary-students'],
    queryFn: async () => (await api<{ items: DiaryStudent[] }>('GET', '/me/diary-students')).items,
    staleTime: 5 * 60_000,
  });
}

const weekKey = (schoolId: string, studentId: string) => ['diary-week', schoolId, studentId] as const;

/** `GET …/diary/week?date=`: Monday to Saturday of the week holding `date`. */
export function useDiaryWeek(schoolId: string, studentId: string, date: string) {
  return useQuery({
    queryKey: [...weekKey(schoolId, studentId), date],
    queryFn: () => api<DiaryWeek>('GET', `${diaryPath(schoolId, studentId)}/week?date=${date}`),
    retry: (count, error) => count < 2 && !('status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500),
  });
}

/**
 * Listens to `…/diary/events` while the diary is open: every `change` re-fetches the weeks of
 * this student. EventSource reconnects by itself (the server asks for 5 s).
 */
export function useDiaryEvents(schoolId: string, studentId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/v1${diaryPath(schoolId, studentId)}/events`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: weekKey(schoolId, studentId) });
    source.addEventListener('change', refresh);
    // After a dropped connection, changes made meanwhile were not heard: re-fetch on reconnect.
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) refresh();
      opened = true;
    });
    return () => source.close();
  }, [queryClient, schoolId, studentId, enabled]);
}
