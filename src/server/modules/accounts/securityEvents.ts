import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { securityEvents, userRoles } from '../../db/schema/accounts.ts';

export const SECURITY_EVENT_KINDS = [
  'login.succeeded', 'login.failed', 'login.locked', 'logout', 'session.ended', 'sessions.ended_by_admin',
  'password.changed', 'access.denied', 'role.granted', 'role.revoked', 'account.locked',
  'activation.issued', 'activation.failed', 'account.activated', 'password.reset_requested', 'password.reset',
  'email.changed', 'email.confirmed',
  'login.mfa_required', 'totp.enabled', 'totp.disabled',
  // Written by scheduled jobs (src/server/jobs/): the weekly audit check, a job that finally failed.
  'audit.verified', 'audit.verify_failed', 'job.failed',
  // Backups (records/): a destination that failed, the newest copy older than the schedule promises, a copy downloaded.
  'backup.failed', 'backup.overdue', 'backup.downloaded', 'backup.download_refused',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export type SecurityEvent = {
  kind: SecurityEventKind;
  userId?: string | null;
  schoolId?: string | null;
  login?: string | null;
  address?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
};

export async function recordSecurityEvent(db: Db, event: SecurityEvent) {
  await recordSecurityEvents(db, [event]);
}

/** Several events in one statement (a job's failure shown in every school it concerns). */
export async function recordSecurityEvents(db: Db, events: SecurityEvent[]) {
  if (events.length === 0) return;
  await db.insert(securityEvents).values(events.map((event) => ({
    id: newId(),
    kind: event.kind,
    userId: event.userId ?? null,
    schoolId: event.schoolId ?? null,
    login: event.login?.slice(0, 100) ?? null,
    address: event.address ?? '',
    userAgent: event.userAgent?.slice(0, 300) ?? '',
    details: event.details ?? {},
  })));
}

/** Events of a school: those about it, and those of people who hold a role in it. Newest first. */
export type SecurityEventFilter = { kind?: string; login?: string; from?: Date; to?: Date; before?: string };

export function listSchoolSecurityEvents(db: Db, schoolId: string, filter: SecurityEventFilter, limit: number) {
  const members = db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.schoolId, schoolId));
  const conditions: (SQL | undefined)[] = [
    or(eq(securityEvents.schoolId, schoolId), inArray(securityEvents.userId, members)),
    filter.kind ? eq(securityEvents.kind, filter.kind) : undefined,
    filter.login ? eq(sql`lower(${securityEvents.login})`, filter.login.toLowerCase()) : undefined,
    filter.from ? gte(securityEvents.createdAt, filter.from) : undefined,
    filter.to ? lt(securityEvents.createdAt, filter.to) : undefined,
    filter.before ? lt(securityEvents.id, filter.before) : undefined,
  ];
  return db.select().from(securityEvents).where(and(...conditions)).orderBy(desc(securityEvents.id)).limit(limit + 1);
}
