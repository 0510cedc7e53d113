import type { RouteObject } from 'react-router';

/** Routes under `/school/:schoolId`; each page is its own chunk. */
export const routes: RouteObject[] = [
  { path: 'timesheet', lazy: async () => ({ Component: (await import('./TimesheetPage.tsx')).TimesheetPage }) },
  { path: 'control-figures', lazy: async () => ({ Component: (await import('./ControlFiguresPage.tsx')).ControlFiguresPage }) },
];

/** The municipal operator's screens, outside any school. */
export const municipalRoutes: RouteObject[] = [
  { path: '/municipality/:municipalityId/summary', lazy: async () => ({ Component: (await import('./MunicipalSummaryPage.tsx')).MunicipalSummaryPage }) },
];
