import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'setup', lazy: async () => ({ Component: (await import('./setup/SetupPage.tsx')).SetupPage }) },
  { path: 'accounts', lazy: async () => ({ Component: (await import('./AccountsPage.tsx')).AccountsPage }) },
  { path: 'security', lazy: async () => ({ Component: (await import('./SecurityPage.tsx')).SecurityPage }) },
  { path: 'backups', lazy: async () => ({ Component: (await import('./BackupsPage.tsx')).BackupsPage }) },
  { path: 'compromise/:reportId?', lazy: async () => ({ Component: (await import('./CompromisePage.tsx')).CompromisePage }) },
];
