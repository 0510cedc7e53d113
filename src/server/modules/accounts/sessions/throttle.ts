import { inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import { loginThrottle } from '../../../db/schema/accounts.ts';
import { type KnownDevice, normalLogin } from './deviceCookie.ts';

/**
 * Sign-in throttling, kept in the database so every server process sees it. Each counter gives a
 * few free failures, then each failure locks it for twice as long as the last, up to a ceiling;
 * failures are forgotten after a quiet spell. A refused (locked) attempt is not counted, so a lock
 * never outgrows its ceiling however hard someone keeps knocking.
 *
 * Which counters an attempt uses (OWASP device cookies, see deviceCookie.ts):
 * - a known device (a valid device cookie for the login): only its own counter — failures from
 *   anywhere else never lock it, and its failures lock only it;
 * - an untrusted client: the login's counter for all untrusted clients (many addresses guessing one
 *   login lock new browsers out for a bounded time, never the owner's known browsers), the pair
 *   (address, login) with a low ceiling, and the address alone with a much higher one (a whole
 *   school behind one NAT address keeps signing in while one person there guesses).
 * Unknown logins are throttled exactly like real ones, so a lock reveals nothing.
 */
export const RULES = {
  device: { freeFailures: 4, firstLockSeconds: 60, maxLockSeconds: 30 * 60, forgetAfterSeconds: 60 * 60 },
  pair: { freeFailures: 4, firstLockSeconds: 60, maxLockSeconds: 30 * 60, forgetAfterSeconds: 60 * 60 },
  untrusted: { freeFailures: 9, firstLockSeconds: 60, maxLockSeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  address: { freeFailures: 99, firstLockSeconds: 5 * 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 15 * 60 },
  // Activation codes count only the address (a guessed login must not lock its owner).
  activation: { freeFailures: 29, firstLockSeconds: 5 * 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 15 * 60 },
} as const;

export type ThrottleKind = keyof typeof RULES;
export type ThrottleKey = { kind: ThrottleKind; key: string };

/**
 * The address as the counters see it: an IPv6 client usually holds a whole /64, so its counters
 * key on that prefix; IPv4 (also when mapped into IPv6) stays as it is.
 */
export function addressOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The counters a sign-in attempt for `login` uses (see above). */
export function signInKeys(login: string, address: string, device: KnownDevice | null): ThrottleKey[] {
  if (device) return [{ kind: 'device', key: `device:${device.nonce}` }];
  const name = normalLogin(login);
  const from = addressOf(address);
  return [
    { kind: 'untrusted', key: `untrusted:${name}` },
    { kind: 'pair', key: `pair:${from}|${name}` },
    { kind: 'address', key: `address:${from}` },
  ];
}

export const activationKeys = (address: string): ThrottleKey[] => [{ kind: 'activation', key: `activation:${addressOf(address)}` }];

export type Lock = { kind: ThrottleKind; until: Date };

const kindOf = (key: string) => key.slice(0, key.indexOf(':')) as ThrottleKind;

/** The lock that ends last among the keys, or null. */
function latestLock(rows: { key: string; lockedUntil: Date | string | null }[], now: Date): Lock | null {
  let latest: Lock | null = null;
  for (const row of rows) {
    const until = row.lockedUntil === null ? null : new Date(row.lockedUntil);
    if (until && until > now && (!latest || until > latest.until)) latest = { kind: kindOf(row.key), until };
  }
  return latest;
}

export async function currentLock(db: Db, keys: ThrottleKey[], now: Date): Promise<Lock | null> {
  const rows = await db.select({ key: loginThrottle.key, lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map((k) => k.key)));
  return latestLock(rows, now);
}

export function lockSecondsAfter(kind: ThrottleKind, failures: number): number {
  const rule = RULES[kind];
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.firstLockSeconds * 2 ** (failures - rule.freeFailures - 1), rule.maxLockSeconds);
}

/**
 * Counts one failure on every key and sets their locks in one statement (the same arithmetic as
 * lockSecondsAfter, in SQL); keys go in a fixed order so concurrent attempts cannot deadlock.
 * Returns the lock now in force, if any.
 */
export async function recordFailure(db: Db, keys: ThrottleKey[], now: Date): Promise<Lock | null> {
  const rules = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ kind, key }) => {
    const r = RULES[kind];
    return sql`(${key}::text, ${r.freeFailures}::int, ${r.firstLockSeconds}::int, ${r.maxLockSeconds}::int, ${r.forgetAfterSeconds}::int)`;
  });
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await queryRows<{ key: string; locked_until: Date | string | null }>(db, sql`
    with rule (key, free, first_lock, max_lock, forget) as (values ${sql.join(rules, sql`, `)})
    insert into ${loginThrottle} as t (key, failures, last_failure_at, locked_until)
    select key, 1, ${at}, case when free < 1 then ${at} + make_interval(secs => first_lock) end from rule order by key
    on conflict (key) do update set (failures, last_failure_at, locked_until) = (
      select n.failures, excluded.last_failure_at,
        case when n.failures > r.free
          then excluded.last_failure_at + make_interval(secs => least(r.first_lock * power(2, n.failures - r.free - 1), r.max_lock))
          else t.locked_until end
      from rule r
      cross join lateral (select case when t.last_failure_at < excluded.last_failure_at - make_interval(secs => r.forget)
        then 1 else t.failures + 1 end as failures) n
      where r.key = excluded.key)
    returning t.key, t.locked_until`);
  return latestLock(rows.map((row) => ({ key: row.key, lockedUntil: row.locked_until })), now);
}

/**
 * A successful sign-in forgives the counters that it proves innocent: the known device's, or the
 * pair (address, login). The untrusted clients' counter of the login and the address's are left
 * to expire: else the owner signing in would hand someone guessing elsewhere a fresh allowance.
 */
export const clearAfterSignIn = (db: Db, keys: ThrottleKey[]) => {
  const cleared = keys.filter((k) => k.kind === 'device' || k.kind === 'pair').map((k) => k.key);
  return cleared.length === 0 ? Promise.resolve() : db.delete(loginThrottle).where(inArray(loginThrottle.key, cleared)).then(() => undefined);
};
