import type { ActivationIssue } from '../../../../shared/contract/activation.ts';
import { localDate } from '../../../../shared/domain/calendar.ts';
import type { SchoolKind } from '../../../../shared/contract/enums.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { assertCan, type Actor } from '../../../policy/policy.ts';
import { getSchool } from '../../organisation/service.ts';
import { CODE_LIFETIME_MS, generateCode, hashCode, normaliseCode } from './activationCodes.ts';
import * as q from './activationQueries.ts';
import type { Client } from '../sessions/authService.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { renderSlips } from './slipsPdf.ts';
import { slipScopeOf } from '../../../policy/accounts.ts';
import { resolveTargets } from './slipTargets.ts';


/** «11.12.2026, 15:04» in the school's time zone: the exact end, so nobody is surprised on the last day. */
const russianDateTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);

export type IssueOptions = { publicUrl: string; compress: boolean; client: Client; now: Date };

/**
 * Issues a fresh activation code to each person the request names (or to a class's students and
 * guardians) and returns their credential slips as a PDF. A person's earlier unused codes stop
 * working: re-issuing is also how a forgotten password is reset without e-mail.
 */
export async function issueActivationCodes(db: Db, actor: Actor, schoolId: string, input: ActivationIssue, options: IssueOptions) {
  assertCan(actor, 'activation.issue', { schoolId });
  const { now } = options;
  const school = await getSchool(db, schoolId);
  const today = localDate(now, school.timeZone);
  const scope = await slipScopeOf(db, actor, schoolId, today);
  const targets = await resolveTargets({ db, schoolId, schoolKind: school.kind as SchoolKind, today, scope }, input);

  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
  const slips = targets.map((t) => ({ ...t, id: newId(), code: generateCode() }));
  await db.transaction(async (tx) => {
    const revoked = await q.revokeUnusedCodes(tx, schoolId, slips.map((s) => s.personId), now);
    await q.insertCodes(tx, slips.map((s) => ({
      id: s.id, schoolId, personKind: s.kind, personId: s.personId, role: s.role,
      codeHash: hashCode(normaliseCode(s.code)!), issuedBy: actor.userId, issuedAt: now, expiresAt,
    })));
    await recordSecurityEvent(tx, {
      kind: 'activation.issued', userId: actor.userId, schoolId, ...options.client,
      details: {
        count: slips.length, revoked, ...(input.classId ? { classId: input.classId } : {}),
        codes: slips.map((s) => ({ id: s.id, kind: s.kind, personId: s.personId, role: s.role })),
      },
    });
  });
  const pdf = await renderSlips({
    school: { name: school.name, shortName: school.shortName },
    slips,
    validUntil: russianDateTime(expiresAt, school.timeZone),
    publicUrl: options.publicUrl,
    compress: options.compress,
  });
  return { pdf, count: slips.length, fileName: `activation-codes-${today}.pdf` };
}
