import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'today', lazy: async () => ({ Component: (await import('./TodayPage.tsx')).TodayPage }) },
  { path: 'lessons/:lessonId', lazy: async () => ({ Component: (await import('./LessonPage.tsx')).LessonPage }) },
  { path: 'period-marks/:groupId', lazy: async () => ({ Component: (await import('./PeriodMarksPage.tsx')).PeriodMarksPage }) },
];
