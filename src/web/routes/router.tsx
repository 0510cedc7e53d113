import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoader, PublicLayout, SignedInLayout } from '../components/Layout.tsx';
import { ActivatePage } from '../features/auth/ActivatePage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { routes as adminRoutes } from '../features/admin/routes.tsx';
import { routes as classroomRoutes } from '../features/classroom/routes.tsx';
import { routes as controlRoutes } from '../features/control/routes.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { routes as journalRoutes } from '../features/journal/routes.tsx';
import { municipalRoutes, routes as oversightRoutes } from '../features/oversight/routes.tsx';
import { routes as reportsRoutes } from '../features/reports/routes.tsx';
import { SchoolLayout } from '../features/school/SchoolLayout.tsx';
import { routes as teacherRoutes } from '../features/teacher/routes.tsx';

export const router = createBrowserRouter([
  {
    Component: PublicLayout,
    children: [
      { path: '/login', Component: SignInPage },
      { path: '/activate', Component: ActivatePage },
      { path: '/first-run', lazy: async () => ({ Component: (await import('../features/firstRun/FirstRunPage.tsx')).FirstRunPage }) },
    ],
  },
  {
    Component: SignedInLayout,
    HydrateFallback: FullPageLoader,
    children: [
      { path: '/', Component: HomePage },
      { path: '/account', lazy: async () => ({ Component: (await import('../features/account/AccountPage.tsx')).AccountPage }) },
      // Its own chunk: the sign-in screen does not wait for the diary's code.
      { path: '/diary/:schoolId/:studentId?', lazy: async () => ({ Component: (await import('../features/diary/DiaryPage.tsx')).DiaryPage }) },
      { path: '/diary/:schoolId/:studentId/marks', lazy: async () => ({ Component: (await import('../features/diary/MarksPage.tsx')).MarksPage }) },
      ...municipalRoutes,
      { path: '/platform', lazy: async () => ({ Component: (await import('../features/platform/PlatformPage.tsx')).PlatformPage }) },
      {
        path: '/school/:schoolId',
        Component: SchoolLayout,
        children: [...teacherRoutes, ...journalRoutes, ...classroomRoutes, ...controlRoutes, ...reportsRoutes, ...oversightRoutes, ...adminRoutes],
      },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
