import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'my-control', lazy: async () => ({ Component: (await import('./MyControlPage.tsx')).MyControlPage }) },
  { path: 'control', lazy: async () => ({ Component: (await import('./ControlPage.tsx')).ControlPage }) },
  { path: 'periods', lazy: async () => ({ Component: (await import('./PeriodsPage.tsx')).PeriodsPage }) },
  { path: 'exams', lazy: async () => ({ Component: (await import('./ExamsPage.tsx')).ExamsPage }) },
  { path: 'audit', lazy: async () => ({ Component: (await import('./AuditPage.tsx')).AuditPage }) },
];
