import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoader, PublicLayout, SignedInLayout } from '../components/Layout.tsx';
import { ActivatePage } from '../features/auth/ActivatePage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';

export const router = createBrowserRouter([
  {
    Component: PublicLayout,
    children: [
      { path: '/login', Component: SignInPage },
      { path: '/activate', Component: ActivatePage },
    ],
  },
  {
    Component: SignedInLayout,
    HydrateFallback: FullPageLoader,
    children: [
      { path: '/', Component: HomePage },
      // Its own chunk: the sign-in screen does not wait for the diary's code.
      { path: '/diary/:schoolId/:studentId?', lazy: async () => ({ Component: (await import('../features/diary/DiaryPage.tsx')).DiaryPage }) },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
