import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'journal', lazy: async () => ({ Component: (await import('./JournalListPage.tsx')).JournalListPage }) },
  { path: 'journal/:groupId', lazy: async () => ({ Component: (await import('./JournalGridPage.tsx')).JournalGridPage }) },
];
