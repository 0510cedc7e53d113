import type { z } from 'zod';
import type { ZCompromiseCreate } from '../../../shared/contract/audit.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found, notFound } from '../../errors.ts';
import { assertMayReportCompromise } from '../../policy/accounts.ts';
import { accountNotFound } from '../../policy/notFound.ts';
import type { Actor } from '../../policy/policy.ts';
import type { Client } from '../accounts/sessions/authService.ts';
import { findUserById, lockUser } from '../accounts/queries.ts';
import { recordSecurityEvent } from '../accounts/securityEvents.ts';
import { endSessionsOfUser, rolesOfUser } from '../accounts/sessionQueries.ts';
import * as journal from './compromiseJournal.ts';
import * as q from './compromiseQueries.ts';
import { setAuditReason } from './queries.ts';
import { namesOf } from './service.ts';

export const REVERT_REASON = 'Отмена операции скомпрометированной учётной записи';
/** The reason on the audit entry of every decision (the review row's new status). */
export const DECISION_REASON = 'Решение по операции скомпрометированной учётной записи';

const reportNotFound = () => notFound('compromise_report', 'Сообщение о компрометации не найдено');
const alreadyDecided = () => conflict('compromise.already_decided', 'По этой операции решение уже принято', { seq: 'Уже решено' });
const lessonChangesNotFound = () => notFound('compromise_change', 'У этого урока нет операций в этом сообщении');
const changeNotFound = () => notFound('compromise_change', 'Такой операции в этом сообщении нет');

/** A browser clock a little ahead of the server's still means «just now». */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Seed 003, 4.3–4.4, at once and in one transaction: the account's sessions end, it is locked until
 * re-activated, the report is kept, and every change it made in this school from `since` on is
 * marked void for the administrator to revert or confirm. The audit log itself is not touched.
 */
export async function reportCompromise(
  db: Db, actor: Actor, schoolId: string, userId: string, input: z.infer<typeof ZCompromiseCreate>, client: Client, now: Date,
) {
  const target = (await rolesOfUser(db, userId)).filter((r) => r.schoolId === schoolId);
  if (target.length === 0) throw accountNotFound();
  await assertMayReportCompromise(db, actor, schoolId, userId, target);
  const requested = new Date(input.since);
  if (requested.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badRequest('compromise.since_future', 'Время компрометации не может быть в будущем', { since: 'Позже текущего момента' });
  }
  const since = requested > now ? now : requested;
  const user = found(await findUserById(db, userId), accountNotFound);
  const { report, endedSessions, studentIds } = await db.transaction(async (tx) => {
    await lockUser(tx, userId, now);
    const ended = await endSessionsOfUser(tx, userId, 'compromised', now);
    const row = await q.insertReport(tx, { id: newId(), schoolId, userId, reportedBy: actor.userId, reportedAt: now, since, note: input.note });
    // Seed 003, 4.4: void at once — the journal shows the values from before the compromise from now on.
    await setAuditReason(tx, journal.VOID_REASON);
    const voided = await q.voidEntriesOf(tx, schoolId, row.id, userId, since);
    const inJournal = await journal.voidJournalOf(tx, schoolId, row.id, userId, { userId: actor.userId, now });
    const details = { reason: 'compromised', reportId: row.id, reportedBy: actor.userId, since: since.toISOString() };
    await recordSecurityEvent(tx, {
      kind: 'account.locked', userId, schoolId, login: user.login, ...client,
      details: { ...details, voidedChanges: voided, voidedInJournal: inJournal.voided },
    });
    await recordSecurityEvent(tx, { kind: 'session.ended', userId, schoolId, login: user.login, ...client, details: { ...details, endedSessions: ended } });
    return { report: found(await q.findReport(tx, schoolId, row.id), reportNotFound), endedSessions: ended, studentIds: inJournal.studentIds };
  });
  return { report, endedSessions, studentIds, names: await namesOf(db, [userId]) };
}

const cursorOf = (id: string) => Buffer.from(JSON.stringify([id]), 'utf8').toString('base64url');

function parseIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && /^[0-9a-f-]{36}$/i.test(value[0])) return value[0];
  } catch { /* fall through */ }
  throw badRequest('pagination.bad_cursor', 'Неверный курсор страницы', { cursor: 'Неверный курсор' });
}

export async function listReports(db: Db, schoolId: string, cursor: string | undefined, limit: number) {
  const rows = await q.listReports(db, schoolId, parseIdCursor(cursor), limit);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    names: await namesOf(db, items.map((r) => r.userId)),
    nextCursor: rows.length > limit && last ? cursorOf(last.id) : null,
  };
}

export async function getReport(db: Db, schoolId: string, id: string) {
  const report = found(await q.findReport(db, schoolId, id), reportNotFound);
  return {
    report, changes: await q.reportChanges(db, schoolId, id), lessons: await journal.lessonsOfReport(db, schoolId, id),
    names: await namesOf(db, [report.userId]),
  };
}

const REVERT_CONFLICTS: Record<Exclude<q.RevertOutcome['outcome'], 'reverted'>, string> = {
  changed: 'Запись с тех пор изменена или удалена: сначала решите судьбу более поздних изменений',
  exists: 'Удалённую запись нельзя вернуть: такая запись уже есть',
  in_use: 'Отмена нарушила бы связи с другими записями',
  unsupported: 'Массовую запись (демо-данные, загрузка) нельзя отменить по одной строке',
  missing: 'Записи журнала аудита нет',
};

async function decideOne(db: Db, schoolId: string, reportId: string, seq: number, decide: (tx: Db) => Promise<number | null>, status: 'reverted' | 'confirmed', actor: Actor, now: Date) {
  found(await q.findReport(db, schoolId, reportId), reportNotFound);
  return db.transaction(async (tx) => {
    const change = found(await q.lockReview(tx, schoolId, reportId, seq), changeNotFound);
    if (change.status !== 'void') throw alreadyDecided();
    if (status === 'reverted' && change.voidedAt !== null) {
      throw conflict('compromise.already_voided', 'Операция уже аннулирована: восстановите её или подтвердите аннулирование', { seq: 'Уже аннулирована' });
    }
    const revertSeq = await decide(tx);
    const decision = { status, decidedBy: actor.userId, decidedAt: now, revertSeq };
    await setAuditReason(tx, DECISION_REASON);
    await q.decide(tx, schoolId, seq, decision);
    return { ...change, ...decision };
  });
}

/** Seed 003, 4.4: undoes one void change; the undo is a new audit entry attributed to the administrator. */
export const revertChange = (db: Db, actor: Actor, schoolId: string, reportId: string, seq: number, now: Date) =>
  decideOne(db, schoolId, reportId, seq, async (tx) => {
    await setAuditReason(tx, REVERT_REASON);
    const result = await q.revertEntry(tx, schoolId, seq);
    if (result.outcome !== 'reverted') throw conflict('audit.revert_conflict', REVERT_CONFLICTS[result.outcome]);
    return result.revertSeq!;
  }, 'reverted', actor, now);

/** The administrator keeps the change as it is (a change voided in the journal: keeps the voiding). */
export async function confirmChange(db: Db, actor: Actor, schoolId: string, reportId: string, seq: number, now: Date) {
  found(await q.findReport(db, schoolId, reportId), reportNotFound);
  const voided = await db.transaction(async (tx) => {
    const [change] = await journal.lockJournalChanges(tx, schoolId, reportId, { seq });
    if (!change || change.voidedAt === null || !journal.JOURNAL_ENTITIES.includes(change.entity)) return false;
    if (change.status !== 'void') throw alreadyDecided();
    await setAuditReason(tx, DECISION_REASON);
    await journal.decideJournal(tx, schoolId, reportId, [change], { status: 'confirmed', decidedBy: actor.userId, decidedAt: now });
    return true;
  });
  if (!voided) return decideOne(db, schoolId, reportId, seq, async () => null, 'confirmed', actor, now);
  return found(await q.findChange(db, schoolId, reportId, seq), changeNotFound);
}

type Which = { seq: number } | { lessonId: string };

/**
 * Seed 003, 4.4, the administrator's decision on journal changes voided at once: «restored» writes
 * each row back to the value the change gave it (a new version, audited, attributed to the
 * administrator); «confirmed» keeps the value from before the compromise. One change, or every
 * change of a lesson still under review; a row changed by someone since is refused (409), nothing written.
 */
export async function decideJournal(db: Db, actor: Actor, schoolId: string, reportId: string, which: Which, status: 'restored' | 'confirmed', now: Date) {
  found(await q.findReport(db, schoolId, reportId), reportNotFound);
  return db.transaction(async (tx) => {
    const all = await journal.lockJournalChanges(tx, schoolId, reportId, which);
    if (all.length === 0) throw 'seq' in which ? changeNotFound() : lessonChangesNotFound();
    if ('seq' in which) {
      const change = all[0]!;
      if (change.status !== 'void') throw alreadyDecided();
      if (change.voidedAt === null || !journal.JOURNAL_ENTITIES.includes(change.entity)) {
        throw conflict('compromise.not_voided', 'Эта операция не аннулирована в журнале: её можно только отменить или оставить', { seq: 'Не аннулирована' });
      }
    }
    const pending = all.filter((c) => c.status === 'void' && c.voidedAt !== null);
    if (pending.length === 0) throw alreadyDecided();
    let studentIds: string[] = [];
    if (status === 'restored') {
      const changed = await journal.changedSince(tx, schoolId, pending);
      if (changed.length > 0) {
        throw conflict('compromise.changed_since', 'Запись с тех пор изменена другим пользователем: восстановить прежнее значение нельзя', { seq: 'Изменена после аннулирования' });
      }
      await setAuditReason(tx, journal.RESTORE_REASON);
      studentIds = await journal.restoreChanges(tx, schoolId, pending, { userId: actor.userId, now });
    }
    await setAuditReason(tx, DECISION_REASON);
    await journal.decideJournal(tx, schoolId, reportId, pending, { status, decidedBy: actor.userId, decidedAt: now });
    return { seqs: pending.map((c) => c.seq), studentIds, status };
  });
}

export const findChange = async (db: Db, schoolId: string, reportId: string, seq: number) =>
  found(await q.findChange(db, schoolId, reportId, seq), changeNotFound);
