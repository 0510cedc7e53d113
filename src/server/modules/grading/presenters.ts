import type { ExamMark } from '../../../shared/contract/exams.ts';
import type { AcceptBatch, GradingPolicyVersion, PeriodClosure, PeriodMark } from '../../../shared/contract/grading.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { WorkType } from '../../../shared/contract/journal.ts';
import type { AcceptRow } from './acceptQueries.ts';
import type { ClosureState } from './closureService.ts';
import type { ReopeningRow } from './closureQueries.ts';
import type { PeriodMarkRow } from './periodMarkQueries.ts';
import type { CurrentPolicy } from './policyService.ts';
import type { WorkTypeRow } from './workTypeQueries.ts';

export const presentWorkType = (w: WorkTypeRow): WorkType => ({
  id: w.id, name: w.name, weight: w.weight, isControl: w.isControl, isWritten: w.isWritten, archived: w.archived,
});

export const presentPolicy = (p: CurrentPolicy): GradingPolicyVersion => ({
  version: p.version,
  isDefault: p.version === 0,
  rules: p.rules,
  authorUserId: p.authorUserId,
  createdAt: p.createdAt?.toISOString() ?? null,
});

export const presentPeriodMark = (m: PeriodMarkRow): PeriodMark => ({
  id: m.id,
  groupId: m.groupId,
  subjectId: m.subjectId,
  studentId: m.studentId,
  periodId: m.periodId,
  academicYearId: m.academicYearId,
  value: m.value as PeriodMarkValue,
  suggested: m.suggested,
  explanation: m.explanation,
  reason: (m.reason ?? null) as PeriodMark['reason'],
  policyVersion: m.policyVersion,
  version: m.version,
  authorUserId: m.authorUserId,
  updatedAt: m.updatedAt.toISOString(),
});

export const presentExamMark = (m: PeriodMarkRow): ExamMark => ({
  id: m.id,
  kind: m.kind as ExamMark['kind'],
  groupId: m.groupId,
  subjectId: m.subjectId,
  studentId: m.studentId,
  academicYearId: m.academicYearId,
  value: m.value as PeriodMarkValue,
  suggested: m.suggested,
  explanation: m.explanation,
  version: m.version,
  authorUserId: m.authorUserId,
  updatedAt: m.updatedAt.toISOString(),
});

export const presentReopening = (r: ReopeningRow) => ({
  id: r.id,
  periodId: r.periodId,
  groupId: r.groupId,
  subjectId: r.subjectId,
  fromDate: r.fromDate,
  toDate: r.toDate,
  reason: r.reason,
  openedBy: r.openedBy,
  openedAt: r.openedAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
});

export const presentClosure = (s: ClosureState): PeriodClosure => ({
  periodId: s.periodId,
  closed: s.closure !== undefined,
  closedAt: s.closure?.closedAt.toISOString() ?? null,
  closedBy: s.closure?.closedBy ?? null,
  reopenings: s.reopenings.map(presentReopening),
});

export const presentAcceptBatch = (b: AcceptRow): AcceptBatch => ({
  id: b.id, count: b.items.length, createdAt: b.createdAt.toISOString(), undoUntil: b.undoUntil.toISOString(),
});
