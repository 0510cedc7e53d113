import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { DEMO_TODAY } from '../src/server/demo/journal.ts';
import { startDemoWebApp } from '../tests/e2e/support/demoWebApp.ts';
import { DESKTOP, launchBrowser, openContext, PHONE, type Viewport } from '../tests/e2e/support/browser.ts';

/**
 * `npm run screenshots`: the demo school on a throw-away embedded database, the built web app,
 * and the main screens of every role at desktop and phone width into docs/screenshots/
 * (`<screen>-desktop.png`, `<screen>-phone.png`). Each capture waits for the page's heading and
 * for its loaders to go; one that fails is reported and the others still run (exit code 1 then).
 * `SCREENS=diary,journal-grid npm run screenshots` captures only those.
 */
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const demo = await startDemoWebApp();
const { baseUrl } = demo;

type Ids = { schoolId: string; groupId?: string; lessonId?: string; studentId?: string; municipalityId?: string };
/** One screen: who signs in, which address (from the ids found through the API), and its title for the table. */
type Screen = {
  name: string; title: string; login: string | null; path: (ids: Ids) => string | null; tall?: boolean;
  /** What to open on the page before the capture (a dropdown, say). */
  prepare?: (page: Page) => Promise<void>;
};

const school = (ids: Ids, rest: string) => `/school/${ids.schoolId}/${rest}`;
const SCREENS: Screen[] = [
  { name: 'sign-in', title: 'вход', login: null, path: () => '/login' },
  { name: 'diary', title: 'дневник: неделя (родитель)', login: 'parent', path: () => '/', tall: true },
  { name: 'diary-marks', title: 'дневник: оценки по предметам (родитель)', login: 'parent', path: (i) => i.studentId ? `/diary/${i.schoolId}/${i.studentId}/marks` : null, tall: true },
  { name: 'diary-student', title: 'дневник: неделя (ученик)', login: 'student', path: () => '/', tall: true },
  { name: 'teacher-today', title: 'учитель: сегодня', login: 'teacher', path: (i) => school(i, 'today') },
  { name: 'journal-grid', title: 'журнал группы', login: 'teacher', path: (i) => i.groupId ? school(i, `journal/${i.groupId}`) : null },
  { name: 'lesson-editor', title: 'урок: тема и домашнее задание', login: 'teacher', path: (i) => i.lessonId ? school(i, `lessons/${i.lessonId}`) : null, tall: true },
  { name: 'period-marks', title: 'отметки за период', login: 'teacher', path: (i) => i.groupId ? school(i, `period-marks/${i.groupId}`) : null },
  { name: 'my-control', title: 'учитель: замечания по ведению журнала', login: 'teacher', path: (i) => school(i, 'my-control'), tall: true },
  { name: 'class-overview', title: 'классный руководитель: класс', login: 'klass', path: (i) => school(i, 'class') },
  { name: 'control', title: 'завуч: контроль', login: 'zavuch', path: (i) => school(i, 'control') },
  { name: 'periods', title: 'завуч: периоды', login: 'zavuch', path: (i) => school(i, 'periods') },
  { name: 'exams', title: 'завуч: экзаменационные дисциплины', login: 'zavuch', path: (i) => school(i, 'exams') },
  { name: 'results', title: 'завуч: итоги успеваемости', login: 'zavuch', path: (i) => school(i, 'results'), tall: true },
  { name: 'class-summary', title: 'классный руководитель: сводная ведомость', login: 'klass', path: (i) => school(i, 'summary'), tall: true },
  { name: 'school-summary', title: 'завуч: сводная ведомость по классам', login: 'zavuch', path: (i) => school(i, 'summary?class=all'), tall: true },
  { name: 'attendance-report', title: 'классный руководитель: посещаемость', login: 'klass', path: (i) => school(i, 'attendance-report'), tall: true },
  { name: 'attendance-school', title: 'завуч: посещаемость школы по классам', login: 'zavuch', path: (i) => school(i, 'attendance-report?scope=school'), tall: true },
  { name: 'forecast', title: 'классный руководитель: прогноз', login: 'klass', path: (i) => school(i, 'forecast'), tall: true },
  { name: 'reports-hub', title: 'завуч: отчёты', login: 'zavuch', path: (i) => school(i, 'reports') },
  { name: 'timesheet', title: 'завуч: табель', login: 'zavuch', path: (i) => school(i, `timesheet?month=${DEMO_TODAY.slice(0, 7)}`), tall: true },
  { name: 'control-figures', title: 'завуч: показатели ведения журнала (октябрь)', login: 'zavuch', path: (i) => school(i, `control-figures?day=${DEMO_TODAY.slice(0, 4)}-10-15`), tall: true },
  { name: 'municipal-summary', title: 'муниципальный оператор: сводный отчёт', login: 'mo', path: (i) => i.municipalityId ? `/municipality/${i.municipalityId}/summary?from=${DEMO_TODAY.slice(0, 4)}-09-01&to=${DEMO_TODAY}` : null, tall: true },
  { name: 'audit', title: 'завуч: журнал изменений', login: 'zavuch', path: (i) => school(i, 'audit') },
  { name: 'setup', title: 'администратор: настройка года', login: 'admin', path: (i) => school(i, 'setup') },
  { name: 'accounts', title: 'администратор: учётные записи', login: 'admin', path: (i) => school(i, 'accounts') },
  { name: 'security', title: 'администратор: журнал безопасности', login: 'admin', path: (i) => school(i, 'security') },
  {
    name: 'backups', title: 'оператор платформы: резервные копии', login: 'platform', path: (i) => school(i, 'backups'), tall: true,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
      await page.getByText('Копия сделана.').waitFor({ timeout: 120_000 });
    },
  },
  {
    name: 'journal-print', title: 'журнал: печать страниц для заверения', login: 'teacher', path: (i) => i.groupId ? school(i, `journal/${i.groupId}`) : null,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Печать журнала' }).click();
      await page.getByRole('region', { name: 'Страницы журнала для заверения (PDF)' }).waitFor();
    },
  },
  { name: 'results-by-teacher', title: 'завуч: итоги успеваемости по учителям', login: 'zavuch', path: (i) => school(i, 'results?view=teacher'), tall: true },
  { name: 'teacher-report', title: 'учитель: отчёт учителя', login: 'teacher', path: (i) => school(i, 'teacher-report'), tall: true },
];
const only = process.env.SCREENS?.split(',').map((s) => s.trim()).filter(Boolean);
const screens = only ? SCREENS.filter((s) => only.includes(s.name)) : SCREENS;

/** Signs in through the API and returns the session cookie (tests/e2e/support/webApp.ts needs Vitest). */
async function signInCookie(login: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${login}: ${response.status}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${login}: no session cookie`);
  return cookie;
}

async function apiGet<T>(cookie: string, apiPath: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${apiPath}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${apiPath}: ${response.status}`);
  return (await response.json()) as T;
}

/** The ids the addresses need, asked of the API as each demo person: the school, a child, a lesson of the teacher's and its group. */
async function findIds(login: string): Promise<Ids> {
  const cookie = await signInCookie(login, DEMO_PASSWORD);
  const me = await apiGet<{ roles: { schoolId: string }[] }>(cookie, '/me');
  // The municipal operator holds no school role: his municipality instead.
  if (me.roles.length === 0) {
    const municipalities = await apiGet<{ items: { id: string }[] }>(cookie, '/municipalities');
    return { schoolId: '', municipalityId: municipalities.items[0]?.id };
  }
  const ids: Ids = { schoolId: me.roles[0]!.schoolId };
  if (login === 'parent' || login === 'student') {
    const students = await apiGet<{ items: { schoolId: string; studentId: string }[] }>(cookie, '/me/diary-students');
    ids.studentId = students.items[0]?.studentId;
  }
  if (login === 'teacher') {
    // Today's lessons, or the nearest earlier school day's (the script may run on a Sunday).
    for (let back = 0; back < 10 && !ids.lessonId; back++) {
      const date = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
      const lessons = await apiGet<{ items: { id: string; groupId: string; status: string }[] }>(cookie, `/schools/${ids.schoolId}/me/lessons?date=${date}`);
      const lesson = lessons.items.find((l) => l.status !== 'cancelled') ?? lessons.items[0];
      if (lesson) Object.assign(ids, { lessonId: lesson.id, groupId: lesson.groupId });
    }
  }
  return ids;
}

async function signIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}

/** The page is drawn: a heading inside <main>, no loader left, web fonts settled. */
async function settled(page: Page) {
  await page.locator('main').getByRole('heading').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('main .mantine-Loader-root, main [aria-busy="true"]').length === 0, undefined, { timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
}

type Outcome = { file: string; ok: boolean; error?: string };

async function captureAll(browser: Browser, viewport: Viewport, suffix: string, idsOf: Map<string, Ids>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  // One browser profile per person: sign in once, then visit each of their screens.
  const logins = [...new Set(screens.map((s) => s.login))];
  for (const login of logins) {
    const { context, page, violations } = await openContext(browser, baseUrl, viewport);
    try {
      if (login) await signIn(page, login);
      for (const screen of screens.filter((s) => s.login === login)) {
        const file = `${screen.name}-${suffix}.png`;
        try {
          const ids = login ? idsOf.get(login) : undefined;
          const target = screen.path(ids ?? { schoolId: '' });
          if (!target) throw new Error('no data in the demo school for its address');
          violations.length = 0;
          await page.goto(target);
          await settled(page);
          await screen.prepare?.(page);
          // A whole week or lesson is many screens long: the top two.
          const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), viewport.height * (screen.tall ? 2 : 1.5));
          await page.screenshot({ path: path.join(out, file), fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height } });
          if (violations.length > 0) throw new Error(`CSP violations: ${violations.join(' | ')}`);
          outcomes.push({ file, ok: true });
        } catch (error) {
          outcomes.push({ file, ok: false, error: (error as Error).message.split('\n')[0] });
        }
      }
    } catch (error) {
      for (const screen of screens.filter((s) => s.login === login)) {
        outcomes.push({ file: `${screen.name}-${suffix}.png`, ok: false, error: `sign-in as ${login}: ${(error as Error).message.split('\n')[0]}` });
      }
    } finally {
      await context.close();
    }
  }
  return outcomes;
}

const browser = await launchBrowser();
try {
  const idsOf = new Map<string, Ids>();
  for (const login of new Set(screens.map((s) => s.login))) {
    if (login) idsOf.set(login, await findIds(login));
  }
  const outcomes = [
    ...await captureAll(browser, DESKTOP, 'desktop', idsOf),
    ...await captureAll(browser, PHONE, 'phone', idsOf),
  ];
  const relative = path.relative(process.cwd(), out);
  for (const o of outcomes) console.log(o.ok ? `  ✓ ${relative}/${o.file}` : `  ✗ ${o.file}: ${o.error}`);
  const captured = new Set(outcomes.filter((o) => o.ok).map((o) => o.file));
  const rows = screens.filter((s) => captured.has(`${s.name}-desktop.png`) || captured.has(`${s.name}-phone.png`)).map((s) => {
    const cell = (suffix: string) => captured.has(`${s.name}-${suffix}.png`) ? `[${s.name}-${suffix}.png](docs/screenshots/${s.name}-${suffix}.png)` : '—';
    return `| ${s.title} | ${cell('desktop')} | ${cell('phone')} |`;
  });
  console.log(`\nСнято ${captured.size} из ${outcomes.length}. Таблица для README:\n\n| экран | компьютер | телефон (360 px) |\n|---|---|---|\n${rows.join('\n')}`);
  if (captured.size < outcomes.length) process.exitCode = 1;
} finally {
  await browser.close();
  await demo.close();
}
