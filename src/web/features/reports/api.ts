import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Student } from '../../../shared/contract/people.ts';
import type { ClassSummary, ForecastReport, PeriodResults, ResultsBreakdown, SchoolSummary } from '../../../shared/contract/reports.ts';
import type { AttendanceReport, SchoolAttendance } from '../../../shared/contract/attendanceReports.ts';
import type { TeacherReport } from '../../../shared/contract/teacherReport.ts';
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
export const weeklySheetsUrl = (schoolId: string, classId: string, week: string, studentIds: readonly string[] = []) =>
  `/api/v1/schools/${schoolId}/reports/weekly-sheets.pdf?${new URLSearchParams({ classId, week, ...(studentIds.length > 0 ? { studentIds: studentIds.join(',') } : {}) }).toString()}`;

/** The class's students on a day (the weekly sheet's choice of students), by ФИО. */
export const useClassStudentsOn = (schoolId: string, classId: string, on: string | null) => useQuery({
  queryKey: ['reports', schoolId, 'class-students', classId, on],
  queryFn: async () => (await api<{ items: Student[] }>('GET', `/schools/${schoolId}/students?${new URLSearchParams({ classId, on: on!, limit: '500' }).toString()}`)).items,
  enabled: on !== null,
  placeholderData: keepPreviousData,
  staleTime: 60_000,
});

/** Journal pages for certification (seed 001 §6.3): a group's subject from–to as a PDF, a plain link. */
export const journalPagesUrl = (schoolId: string, query: { groupId: string; subjectId: string; from: string; to: string }) =>
  `/api/v1/schools/${schoolId}/reports/journal-pages.pdf?${new URLSearchParams(query).toString()}`;

/** Сводная ведомость of the school by class (a class teacher: his classes) for a period or the year. */
export const useSchoolSummary = (schoolId: string, choice: ResultsChoice | null) => useQuery({
  queryKey: ['reports', schoolId, 'school-summary', choice],
  queryFn: () => api<SchoolSummary>('GET', `/schools/${schoolId}/reports/school-summary?${new URLSearchParams(choice ?? {}).toString()}`),
  enabled: choice !== null,
  placeholderData: keepPreviousData,
});

/** One class's ведомость as a file: a plain link, the session cookie goes with it. */
export const classSummaryFileUrl = (schoolId: string, classId: string, periodId: string | null, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/class-summary/export?${new URLSearchParams({ classId, ...(periodId ? { periodId } : {}), format }).toString()}`;

/** The school's ведомость by class as a file (a sheet per class, or a class per page). */
export const schoolSummaryFileUrl = (schoolId: string, choice: ResultsChoice, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/school-summary/export?${new URLSearchParams({ ...choice, format }).toString()}`;

/** The year-end summary to sign and stamp (seed 000): one class, or every class the caller may see. */
export const yearEndSummaryUrl = (schoolId: string, academicYearId: string, classId?: string) =>
  `/api/v1/schools/${schoolId}/reports/year-end-summary.pdf?${new URLSearchParams({ academicYearId, ...(classId ? { classId } : {}) }).toString()}`;

/** Attendance of every class the caller may see from–to, the total and the weeks. */
export const useSchoolAttendance = (schoolId: string, query: { from: string; to: string } | null) => useQuery({
  queryKey: ['reports', schoolId, 'attendance-school', query],
  queryFn: () => api<SchoolAttendance>('GET', `/schools/${schoolId}/reports/attendance/school?${new URLSearchParams(query ?? {}).toString()}`),
  enabled: query !== null,
  placeholderData: keepPreviousData,
});

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

/** The attendance as a file: a class with its students (`classId`) or the school by class. A plain link. */
export const attendanceFileUrl = (schoolId: string, query: { classId?: string; from: string; to: string }, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/attendance/export?${new URLSearchParams({ ...query, format }).toString()}`;

/** The forecast of a class for a period as a file. A plain link. */
export const forecastFileUrl = (schoolId: string, query: { classId: string; periodId: string }, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/forecast/export?${new URLSearchParams({ ...query, format }).toString()}`;

/** The teacher's report as a file (XLSX or PDF). A plain link. */
export const teacherReportFileUrl = (schoolId: string, query: { periodId: string; staffId?: string }, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/teacher/export?${new URLSearchParams({ ...query, format }).toString()}`;
