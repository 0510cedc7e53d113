import type { AuditEntry, CompromiseReport, ReviewedEntry } from '../../../shared/contract/audit.ts';
import type { AuditOperation, AuditReviewStatus } from '../../../shared/contract/enums.ts';
import type { AuditEntryRow } from './queries.ts';
import type { ReportRow, ReviewRow } from './compromiseQueries.ts';

type Json = Record<string, unknown> | null;

/** A write with no actor was made by the system (command line, demo generator, migrations). */
export const SYSTEM_NAME = 'система';

export const actorName = (userId: string | null, names: ReadonlyMap<string, string>) =>
  userId === null ? SYSTEM_NAME : names.get(userId) ?? userId;

export const presentAuditEntry = (names: ReadonlyMap<string, string>) => (e: AuditEntryRow): AuditEntry => ({
  seq: e.seq,
  id: e.id,
  at: e.at.toISOString(),
  actor: { userId: e.actorUserId, name: actorName(e.actorUserId, names), roles: e.actorRoles },
  address: e.address,
  entity: e.entity,
  entityId: e.entityId,
  operation: e.operation as AuditOperation,
  before: e.before as Json,
  after: e.after as Json,
  reason: e.reason,
  hash: e.hash,
});

export const presentReport = (names: ReadonlyMap<string, string>) => (r: ReportRow): CompromiseReport => ({
  id: r.id,
  userId: r.userId,
  userName: names.get(r.userId) ?? r.userId,
  reportedBy: r.reportedBy,
  reportedAt: r.reportedAt.toISOString(),
  since: r.since.toISOString(),
  note: r.note,
  entries: { void: r.voidCount, reverted: r.revertedCount, restored: r.restoredCount, confirmed: r.confirmedCount },
});

export const presentReviewedEntry = (r: ReviewRow): ReviewedEntry => ({
  seq: r.seq,
  at: r.at.toISOString(),
  entity: r.entity,
  entityId: r.entityId,
  operation: r.operation as AuditOperation,
  before: r.before as Json,
  after: r.after as Json,
  status: r.status as AuditReviewStatus,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  revertSeq: r.revertSeq,
  voidedAt: r.voidedAt?.toISOString() ?? null,
  lessonId: r.lessonId,
});
