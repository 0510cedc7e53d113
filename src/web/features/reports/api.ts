import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AttendanceReport, ClassSummary, ForecastReport, PeriodResults, ResultsBreakdown, TeacherReport } from '../../../shared/contract/reports.ts';
import { api } from '../../api/client.ts';
import type { ResultsChoice } from './format.ts';

/** Итоги успеваемости of a period or the year: every class the caller may see, and the total. */
export const usePeriodResults = (schoolId: string, choice: ResultsChoice | null) => useQuery({
  queryKey: ['reports', schoolId, 'period-results', choice],
  queryFn: () => api<PeriodResults>('GET', `/schools/${schoolId}/reports/period-results?${new URLSearchParams(choice ?? {}).toString()}`),
  enabled: choice !== null,
  placeholderData: keepPreviousData,
});


/** Сводная ведомость of one class: a period's means and period marks, or (no period) the year's period and year marks. */
export const useClassSummary = (schoolId: string, classId: string | undefined, periodId: string | null) => useQuery({
  queryKey: ['reports', schoolId, 'class-summary', classId, periodId],
  queryFn: () => api<ClassSummary>('GET', `/schools/${schoolId}/reports/class-summary?${new URLSearchParams({ classId: classId!, ...(periodId ? { periodId } : {}) }).toString()}`),
  enabled: !!classId,
  placeholderData: keepPreviousData,
});

/** Attendance of one class's students from–to (at most a year). */
export const useAttendanceReport = (schoolId: string, query: { classId: string; from: string; to: string; studentId?: string } | null) => useQuery({
  queryKey: ['reports', schoolId, 'attendance', query],
  queryFn: () => api<AttendanceReport>('GET', `/schools/${schoolId}/reports/attendance?${new URLSearchParams(query ?? {}).toString()}`),
  enabled: query !== null,
  placeholderData: keepPreviousData,
});

/** Прогноз of one class for a period: suggested marks so far, what it takes, who is at risk. */
export const useForecast = (schoolId: string, query: { classId: string; periodId: string } | null) => useQuery({
  queryKey: ['reports', schoolId, 'forecast', query],
  queryFn: () => api<ForecastReport>('GET', `/schools/${schoolId}/reports/forecast?${new URLSearchParams(query ?? {}).toString()}`),
  enabled: query !== null,
  placeholderData: keepPreviousData,
});

/** The parents' weekly sheets of a class for the week from `week` (a Monday), as one PDF: a plain link, the session cookie goes with it. */
export const weeklySheetsUrl = (schoolId: string, classId: string, week: string) =>
  `/api/v1/schools/${schoolId}/reports/weekly-sheets.pdf?${new URLSearchParams({ classId, week }).toString()}`;

/** Итоги by subject or by teacher: the same choice of period or year. */
export const useResultsBreakdown = (schoolId: string, choice: ResultsChoice | null, view: 'subject' | 'teacher' | null) => useQuery({
  queryKey: ['reports', schoolId, 'period-results-breakdown', choice, view],
  queryFn: () => api<ResultsBreakdown>('GET', `/schools/${schoolId}/reports/period-results/breakdown?${new URLSearchParams({ ...choice, view: view! }).toString()}`),
  enabled: choice !== null && view !== null,
  placeholderData: keepPreviousData,
});

/** The period results of a view (per class, subject, teacher) as a file (XLSX or PDF): a plain link, the session cookie goes with it. */
export const resultsViewFileUrl = (schoolId: string, choice: ResultsChoice, view: 'class' | 'subject' | 'teacher', format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/period-results/export?${new URLSearchParams({ ...choice, ...(view === 'class' ? {} : { view }), format }).toString()}`;

/** Отчёт учителя for a period: his own (no staffId) or, for the administration, the chosen teacher's. */
export const useTeacherReport = (schoolId: string, query: { periodId: string; staffId?: string } | null) => useQuery({
  queryKey: ['reports', schoolId, 'teacher', query],
  queryFn: () => api<TeacherReport>('GET', `/schools/${schoolId}/reports/teacher?${new URLSearchParams(query ?? {}).toString()}`),
  enabled: query !== null,
  placeholderData: keepPreviousData,
});

export const teacherReportFileUrl = (schoolId: string, query: { periodId: string; staffId?: string }, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/teacher/export?${new URLSearchParams({ ...query, format }).toString()}`;
