import { recordSecurityEvent } from '../modules/accounts/securityEvents.ts';
import { verifyChains } from '../modules/audit/verify.ts';
import type { SchoolJob } from './job.ts';

/**
 * `klassny audit verify` once a week for each school, unattended: the journal is a legal record
 * (seed 003, 1.4) and a changed or removed entry must be noticed without anyone asking. The
 * verdict goes to the school's security-event log, which its administrators already read. A
 * broken chain is a finding, not a failure of the job: the run ends `ok` and is not retried.
 */
export const auditVerifyJob: SchoolJob = {
  name: 'audit-verify',
  title: 'проверка цепочки хешей журнала изменений (как klassny audit verify)',
  // Sunday 03:00 school-local: the quietest hour of the week.
  schedule: '0 3 * * 0',
  scope: 'school',
  async run({ db, schoolId }) {
    // A school with no entries yet has no chain: nothing to break, zero entries checked.
    const [chain] = await verifyChains(db, schoolId);
    const entries = chain?.entries ?? 0;
    const broken = chain?.broken ?? null;
    if (!broken) {
      await recordSecurityEvent(db, { kind: 'audit.verified', schoolId, details: { entries } });
      return { entries, intact: true };
    }
    await recordSecurityEvent(db, {
      kind: 'audit.verify_failed',
      schoolId,
      details: { entries, seq: broken.seq, entity: broken.entity, entryAt: broken.at, reason: broken.problem },
    });
    return { entries, intact: false, brokenSeq: broken.seq, problem: broken.problem };
  },
};
