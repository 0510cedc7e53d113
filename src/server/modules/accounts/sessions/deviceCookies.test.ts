import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../../app.ts';
import type { Database } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { securityEvents, users } from '../../../db/schema/accounts.ts';
import { hash } from '@node-rs/argon2';
import { DEVICE_COOKIE, issueDeviceToken } from './deviceCookie.ts';
import { RULES } from './throttle.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { buildTotpApp, TEST_SECRET_KEY } from '../../../../../tests/factories/totp.ts';
import { createTestDatabase } from '../../../../../tests/support/testDatabase.ts';

// Issue 16, "Nobody can lock others out": OWASP device cookies and per-address limits (throttle.ts).
let database: Database;
let app: App;
let clock = new Date('2026-11-27T08:00:00Z');
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTotpApp(database, () => clock);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const WRONG = 'not-the-password-1';
/** The scenarios of hundreds of sign-ins: a few seconds alone, but the embedded database queues them under load. */
const MANY_SIGN_INS_MS = 120_000;
/** A sign-in from `address`, with the browser's device cookie when it has one. */
const signIn = (login: string, password: string, address: string, device?: string) => app.inject({
  method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, remoteAddress: address,
  headers: { 'x-klassny-csrf': '1', ...(device ? { cookie: `${DEVICE_COOKIE}=${device}` } : {}) },
});
const deviceOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === DEVICE_COOKIE)?.value ?? '';
const retryAfter = (res: LightMyRequestResponse) => Number(res.json().error.fields.retryAfterSeconds);
/**
 * Many people at once, in one statement; their hashes are argon2id at the lowest cost so that
 * hundreds of sign-ins stay fast (verification reads the cost from the hash; production hashes
 * are untouched).
 */
async function manyPeople(count: number, prefix: string) {
  const password = 'Kor0va-na-lugu';
  const passwordHash = await hash(password, { algorithm: 2, memoryCost: 256, timeCost: 1, parallelism: 1 });
  const logins = Array.from({ length: count }, (_, i) => `${prefix}${i}.${newId().slice(-6)}`);
  await database.db.insert(users).values(logins.map((login) => ({ id: newId(), login, passwordHash, displayName: login })));
  return { logins, password };
}

/** The attacker: one wrong password for `login` from each of `count` addresses. */
async function guessFromMany(login: string, count: number, net: string) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await signIn(login, `${WRONG}-${i}`, `${net}.${i % 250}.${Math.floor(i / 250) + 1}`)).statusCode);
  return statuses;
}

describe('a known browser against an attacker with many addresses', () => {
  it('lets the real klass in from a known browser at the first try while wrong passwords come from 100 addresses, and from a new browser after a bounded delay', async () => {
    const klass = await createUser(database.db, { login: 'klass' });
    const first = await signIn('klass', klass.password, '10.1.0.1');
    expect(first.statusCode).toBe(200);
    const known = first.cookies.find((c) => c.name === DEVICE_COOKIE)!;
    expect(known).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    const statuses = await guessFromMany('klass', 100, '198.51');
    const free = RULES.untrusted.freeFailures;
    expect(statuses.slice(0, free)).toEqual(Array(free).fill(401));
    expect(statuses.slice(free).every((s) => s === 429)).toBe(true);

    const home = await signIn('KLASS', klass.password, '10.1.0.1', known.value);
    expect(home.statusCode).toBe(200);
    const fromNewBrowser = await signIn('klass', klass.password, '10.1.0.2');
    expect(fromNewBrowser.statusCode).toBe(429);
    expect(fromNewBrowser.json().error.message).toMatch(/Повторите через \d+ мин\. В браузере, в котором вы уже входили, вход открыт/);

    // The attacker keeps going: every time the lock passes it gets one guess, and the lock never
    // grows past its ceiling, so a new browser always gets in after a bounded wait.
    let wait = retryAfter(fromNewBrowser);
    for (let round = 0; round < 6; round++) {
      expect(wait).toBeLessThanOrEqual(RULES.untrusted.maxLockSeconds);
      advance(wait);
      const next = await guessFromMany('klass', 10, `203.${round}`);
      expect(next.filter((s) => s === 401)).toHaveLength(0);
      const refused = await signIn('klass', klass.password, '10.1.0.2');
      expect(refused.statusCode).toBe(429);
      wait = retryAfter(refused);
    }
    expect(wait).toBe(RULES.untrusted.maxLockSeconds);
    expect((await signIn('klass', klass.password, '10.1.0.1', deviceOf(home))).statusCode).toBe(200);
    advance(wait);
    const later = await signIn('klass', klass.password, '10.1.0.2');
    expect(later.statusCode).toBe(200);
    expect(deviceOf(later)).not.toBe('');
    const succeeded = await database.db.select().from(securityEvents)
      .where(and(eq(securityEvents.kind, 'login.succeeded'), eq(securityEvents.userId, klass.user.id)));
    expect(succeeded.map((e) => e.details)).toEqual(expect.arrayContaining([expect.objectContaining({ knownDevice: true })]));
  }, MANY_SIGN_INS_MS);
});

describe('what counts as a known browser', () => {
  async function lockedForNewBrowsers(net: string) {
    const account = await createUser(database.db);
    const device = deviceOf(await signIn(account.login, account.password, `${net}.0.1`));
    await guessFromMany(account.login, RULES.untrusted.freeFailures + 1, net);
    expect((await signIn(account.login, account.password, `${net}.0.2`)).statusCode).toBe(429);
    return { ...account, device };
  }

  it('treats a forged, tampered, expired, other login\'s or other key\'s device cookie as a new browser', async () => {
    const account = await lockedForNewBrowsers('192.0');
    const other = await createUser(database.db);
    const othersDevice = deviceOf(await signIn(other.login, other.password, '192.0.9.9'));
    const [encodedLogin, nonce, expiry, mac] = account.device.split('.') as [string, string, string, string];
    const cookies = {
      forged: `${encodedLogin}.${nonce}.${expiry}.${'A'.repeat(43)}`,
      tampered: `${encodedLogin}.${nonce}.${Number(expiry) + 1}.${mac}`,
      expired: issueDeviceToken(TEST_SECRET_KEY, account.login, new Date(clock.getTime() - 181 * 24 * 60 * 60 * 1000)),
      otherLogin: othersDevice,
      otherKey: issueDeviceToken('another-secret-key-0123456789abcdef0123456', account.login, clock),
      garbage: '~~.x.~',
    };
    for (const [name, cookie] of Object.entries(cookies)) {
      const res = await signIn(account.login, account.password, '192.0.0.3', cookie);
      expect([name, res.statusCode]).toEqual([name, 429]);
    }
    expect((await signIn(account.login, account.password, '192.0.0.3', account.device)).statusCode).toBe(200);
  });

  it('keeps a token per login in one browser, so a family tablet is known to each of them', async () => {
    const parent = await createUser(database.db);
    const child = await createUser(database.db);
    const afterParent = deviceOf(await signIn(parent.login, parent.password, '172.16.0.1'));
    const afterBoth = deviceOf(await signIn(child.login, child.password, '172.16.0.1', afterParent));
    expect(afterBoth.split('~')).toHaveLength(2);
    await guessFromMany(parent.login, RULES.untrusted.freeFailures + 1, '172.17');
    await guessFromMany(child.login, RULES.untrusted.freeFailures + 1, '172.18');
    expect((await signIn(parent.login, parent.password, '172.16.0.1', afterBoth)).statusCode).toBe(200);
    expect((await signIn(child.login, child.password, '172.16.0.1', afterBoth)).statusCode).toBe(200);
  });

  it('locks a known browser\'s own allowance after five failures with it, and nobody else\'s', async () => {
    const account = await createUser(database.db);
    const device = deviceOf(await signIn(account.login, account.password, '100.64.0.1'));
    for (let i = 0; i < RULES.device.freeFailures; i++) expect((await signIn(account.login, WRONG, '100.64.0.1', device)).statusCode).toBe(401);
    const fifth = await signIn(account.login, WRONG, '100.64.0.1', device);
    expect(fifth.statusCode).toBe(429);
    expect(retryAfter(fifth)).toBe(RULES.device.firstLockSeconds);
    expect((await signIn(account.login, account.password, '100.64.0.1', device)).statusCode).toBe(429);
    // The same person from a new browser, even at the same address, still gets in.
    expect((await signIn(account.login, account.password, '100.64.0.1')).statusCode).toBe(200);
    advance(RULES.device.firstLockSeconds);
    expect((await signIn(account.login, account.password, '100.64.0.1', device)).statusCode).toBe(200);
  });

  it('issues no device cookie when the server has no secret key (PostgreSQL without SECRET_KEY)', async () => {
    const keyless = await buildTotpApp(database, () => clock, null);
    try {
      const account = await createUser(database.db);
      const res = await keyless.inject({
        method: 'POST', url: '/api/v1/auth/login', payload: { login: account.login, password: account.password }, headers: { 'x-klassny-csrf': '1' },
      });
      expect(res.statusCode).toBe(200);
      expect(deviceOf(res)).toBe('');
    } finally {
      await keyless.close();
    }
  });
});

describe('one address, many people (a school behind NAT)', () => {
  it('keeps 200 people behind one address signing in while one of them guesses another\'s password', async () => {
    const { logins, password } = await manyPeople(200, 'nat');
    const victim = await createUser(database.db);
    const school = '198.18.0.1';
    const guesses: number[] = [];
    for (const [i, login] of logins.entries()) {
      if (i % 2 === 0) guesses.push((await signIn(victim.login, `${WRONG}-${i}`, school)).statusCode);
      expect([login, (await signIn(login, password, school)).statusCode]).toEqual([login, 200]);
    }
    const free = RULES.pair.freeFailures;
    expect(guesses.slice(0, free)).toEqual(Array(free).fill(401));
    expect(guesses.slice(free).every((s) => s === 429)).toBe(true);
    // The guesser's lock is on (this address, that login): its owner elsewhere is not touched.
    expect((await signIn(victim.login, victim.password, '198.18.7.7')).statusCode).toBe(200);
  }, MANY_SIGN_INS_MS);

  it('locks new browsers at an address that guesses many logins (over 100 failures), but not the known browsers behind it', async () => {
    const account = await createUser(database.db);
    const nat = '198.19.0.1';
    const device = deviceOf(await signIn(account.login, account.password, nat));
    const { logins } = await manyPeople(RULES.address.freeFailures + 1, 'sprayed');
    let last = 0;
    for (const login of logins) last = (await signIn(login, WRONG, nat)).statusCode;
    expect(last).toBe(429);
    const newcomer = await createUser(database.db);
    const refused = await signIn(newcomer.login, newcomer.password, nat);
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBe(RULES.address.firstLockSeconds);
    expect((await signIn(account.login, account.password, nat, device)).statusCode).toBe(200);
    expect((await signIn(newcomer.login, newcomer.password, '198.19.0.2')).statusCode).toBe(200);
  });
});
