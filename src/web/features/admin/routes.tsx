import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'setup', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'accounts', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'security', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
  { path: 'compromise', lazy: async () => ({ Component: (await import('../school/InProgress.tsx')).InProgress }) },
];
