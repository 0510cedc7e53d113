import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { sessions, userRoles, users } from '../../src/server/db/schema/accounts.ts';
import { activationCodes } from '../../src/server/db/schema/activation.ts';
import { compromiseReports } from '../../src/server/db/schema/audit.ts';
import { openSession } from '../../src/server/modules/accounts/sessions/sessions.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import { type MatrixCall, type MatrixSide, schoolPath } from './policy.ts';

// Access to the school (credential slips, the audit log, compromised logins) for the authorisation
// matrix (src/server/policy/matrix.test.ts).

type Side = MatrixSide;
const school = schoolPath;

/** The account reported in the current call, per school. */
const reported = new Map<string, string>();

/**
 * The account of the side's student, with an open session: for that student themself, their own
 * login (the caller's id); for anyone else a throwaway login made for this call, since a successful
 * report locks the account and ends its sessions, and no later call may meet it locked.
 */
async function studentAccount(db: Db, s: Side, actor: Actor | null) {
  const self = actor?.roles.some((r) => r.schoolId === s.schoolId && r.role === 'student' && r.personId === s.studentId);
  const id = self ? actor!.userId : newId();
  await db.insert(users).values({ id, login: `matrix.${id}`, passwordHash: null, displayName: 'Матрица' }).onConflictDoNothing();
  await db.insert(userRoles).values({ id: newId(), userId: id, schoolId: s.schoolId, role: 'student', personId: s.studentId }).onConflictDoNothing();
  await openSession(db, { id, isPlatformAdmin: false }, { address: '10.0.0.2', userAgent: 'matrix' }, new Date());
  reported.set(s.schoolId, id);
}

export const ACCESS_MATRIX = {
  //                            admin director deputy teacher classT student guardian municipal otherAdmin platform none
  'activation.issue':           'AA4 334 334 334 A44 334 334 444 44A 444 UUU',
  'audit.read':                 'AA4 AA4 AA4 334 334 334 334 444 44A 444 UUU',
  // The student themself (own), their class teacher or the admin; the director and deputy 403, anyone else 404.
  'account.report_compromise':  'AA4 334 334 444 A44 A44 444 444 44A 444 UUU',
  'compromise.review':          'AA4 334 334 334 334 334 334 444 44A 444 UUU',
  // The matrix's deployment has two schools: a copy would hold both, so only the platform operator.
  'backup.manage':              '334 334 334 334 334 334 334 444 443 AAA UUU',
};

export const ACCESS_CALLS: Record<keyof typeof ACCESS_MATRIX, MatrixCall> = {
  // Slips for the side's student and guardian: a class teacher only for his class, a teacher without one 403.
  'activation.issue': {
    method: 'POST', path: (s) => `${school(s)}/activation-codes`, ok: 201,
    body: (s) => ({ people: [{ kind: 'student', id: s.studentId }, { kind: 'guardian', id: s.guardianId }] }),
    rows: (db, s) => db.select().from(activationCodes).where(eq(activationCodes.schoolId, s.schoolId)).orderBy(activationCodes.id),
  },
  'audit.read': { method: 'GET', path: (s) => `${school(s)}/audit`, ok: 200 },
  'account.report_compromise': {
    method: 'POST', path: (s) => `${school(s)}/accounts/${reported.get(s.schoolId)}/compromise`, ok: 201,
    body: async (s, db, actor) => {
      await studentAccount(db, s, actor);
      return { since: new Date(Date.now() - 60_000).toISOString() };
    },
    rows: async (db, s) => {
      const userId = reported.get(s.schoolId)!;
      return {
        reports: await db.select().from(compromiseReports).where(eq(compromiseReports.schoolId, s.schoolId)).orderBy(compromiseReports.id),
        account: await db.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, userId)),
        sessions: await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.id),
      };
    },
  },
  'compromise.review': { method: 'GET', path: (s) => `${school(s)}/compromise-reports`, ok: 200 },
  'backup.manage': { method: 'GET', path: (s) => `${school(s)}/backups`, ok: 200 },
};
