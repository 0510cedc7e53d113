import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'class', lazy: async () => ({ Component: (await import('./ClassListPage.tsx')).ClassListPage }) },
  { path: 'class/:classId', lazy: async () => ({ Component: (await import('./ClassPage.tsx')).ClassPage }) },
];
