import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExamSubject } from '../../../shared/contract/exams.ts';
import type { Assignment } from '../../../shared/contract/structure.ts';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/lists.ts';

// Which groups' subjects end with an examination (seed 002, 4.3.11).

const school = (schoolId: string) => `/schools/${schoolId}`;

/** The subjects taught in a group (its assignments). */
export const useGroupAssignments = (schoolId: string, groupId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'assignments', groupId],
  queryFn: async () => (await api<Page<Assignment>>('GET', `${school(schoolId)}/assignments?groupId=${groupId}&limit=100`)).items,
  enabled: !!groupId,
});

export const useExamSubjects = (schoolId: string, groupId: string | undefined) => useQuery({
  queryKey: ['control', schoolId, 'exam-subjects', groupId],
  queryFn: async () => (await api<{ items: { groupId: string; subjectId: string }[] }>('GET', `${school(schoolId)}/exam-subjects?groupId=${groupId}`)).items,
  enabled: !!groupId,
});

export function useSetExamSubject(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExamSubject) => api<ExamSubject>('PUT', `${school(schoolId)}/exam-subjects`, body),
    onSettled: (_data, _error, body) => queryClient.invalidateQueries({ queryKey: ['control', schoolId, 'exam-subjects', body.groupId] }),
  });
}
