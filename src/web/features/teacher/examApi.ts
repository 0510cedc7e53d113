import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExamMark, ExamMarkQuery, ExamMarkSheet } from '../../../shared/contract/exams.ts';
import type { ExamKind } from '../../../shared/domain/exams.ts';
import { api } from '../../api/client.ts';
import { noRetryOn4xx } from '../../api/lists.ts';

// Exam and final marks of a group's subject in a year (seed 002, 4.3.11).

const sheetKey = (schoolId: string, q: ExamMarkQuery) => ['exam-mark-sheet', schoolId, q.groupId, q.subjectId, q.academicYearId] as const;

export function useExamMarkSheet(schoolId: string, query: ExamMarkQuery) {
  return useQuery({
    queryKey: sheetKey(schoolId, query),
    queryFn: () => api<ExamMarkSheet>('GET', `/schools/${schoolId}/exam-marks?${new URLSearchParams(query)}`),
    retry: noRetryOn4xx,
  });
}

/** `PUT /exam-marks`: one student's exam or final mark. */
export function useSaveExamMark(schoolId: string, query: ExamMarkQuery) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: { studentId: string; kind: ExamKind; value: string; version?: number }) =>
      api<ExamMark>('PUT', `/schools/${schoolId}/exam-marks`, { ...query, ...item }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sheetKey(schoolId, query) }),
  });
}
