import { randomBytes } from 'node:crypto';
import type { FirstSchool, FirstSchoolResult } from '../../../shared/contract/setup.ts';
import type { Db } from '../../db/client.ts';
import { AppError, conflict } from '../../errors.ts';
import { createAdmin } from '../accounts/service.ts';
import { hashToken, openSession } from '../accounts/sessions/sessions.ts';
import { createYear } from '../calendar/yearsService.ts';
import { placeSchool } from '../organisation/service.ts';
import * as q from './queries.ts';

const invalidLink = () => new AppError('setup.link_invalid', 403,
  'Ссылка первого запуска недействительна или уже использована. Новую ссылку печатает запуск сервера, пока в базе нет ни одной школы.');

/**
 * A start on a database without a school: a new one-time link (the older unused one stops working).
 * Null when the database has a school: then schools are added by a platform operator.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    if (await q.countSchools(tx) > 0) return null;
    await q.dropUnusedTokens(tx);
    await q.insertToken(tx, hashToken(token));
    return token;
  });
}

export async function setupTokenValid(db: Db, token: string): Promise<boolean> {
  return !!(await q.findUnusedToken(db, hashToken(token))) && await q.countSchools(db) === 0;
}

/** The academic year the school starts in: from 1 September of this year, or of the last one before June. */
export function firstYearOf(today: string, weekDays: 5 | 6) {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = month >= 6 ? year : year - 1;
  return { name: `${start}/${start + 1}`, startsOn: `${start}-09-01`, endsOn: `${start + 1}-05-31`, weekDays };
}

const todayIn = (timeZone: string, now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);

/**
 * The first school of the database (one transaction): region and municipality by name, the school,
 * its administrator, its first academic year (planning) with the chosen week. Refused when a school exists.
 */
export async function createFirstSchool(db: Db, input: FirstSchool, now: Date) {
  return db.transaction(async (tx) => {
    if (await q.countSchools(tx) > 0) {
      throw conflict('setup.already_done', 'В базе уже есть школа: следующие школы добавляет оператор платформы (раздел «Платформа»).');
    }
    const school = await placeSchool(tx, { regionName: input.regionName, municipalityName: input.municipalityName, school: { ...input.school, address: '', inn: null } });
    const user = await createAdmin(tx, { ...input.admin, schoolId: school.id });
    const year = await createYear(tx, school.id, firstYearOf(todayIn(school.timeZone, now), input.weekDays));
    // Whoever holds an old link can no longer use it.
    await q.dropUnusedTokens(tx);
    return { school, user, year };
  });
}

/** «Первый запуск» in the browser: the link's token is used up with the school, and the administrator is signed in. */
export async function firstRun(db: Db, token: string, input: FirstSchool, client: { address: string; userAgent: string }, now: Date) {
  return db.transaction(async (tx) => {
    if (!(await q.useToken(tx, hashToken(token), now))) throw invalidLink();
    const made = await createFirstSchool(tx, input, now);
    const opened = await openSession(tx, made.user, client, now);
    const result: FirstSchoolResult = { schoolId: made.school.id, academicYearId: made.year.id, login: made.user.login };
    return { result, session: opened };
  });
}
