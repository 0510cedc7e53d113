import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'control', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'periods', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'audit', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
];
