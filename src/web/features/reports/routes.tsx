import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'reports', lazy: async () => ({ Component: (await import('./ReportsHub.tsx')).ReportsHub }) },
  { path: 'results', lazy: async () => ({ Component: (await import('./ResultsPage.tsx')).ResultsPage }) },
  { path: 'summary', lazy: async () => ({ Component: (await import('./SummaryPage.tsx')).SummaryPage }) },
  { path: 'attendance-report', lazy: async () => ({ Component: (await import('./AttendancePage.tsx')).AttendancePage }) },
  { path: 'forecast', lazy: async () => ({ Component: (await import('./ForecastPage.tsx')).ForecastPage }) },
  { path: 'teacher-report', lazy: async () => ({ Component: (await import('./TeacherReportPage.tsx')).TeacherReportPage }) },
];
