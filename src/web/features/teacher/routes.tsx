import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'today', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'lessons/:lessonId', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'period-marks/:groupId', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
];
