import type { ClassSummary, ClassSummaryQuery } from '../../../shared/contract/reports.ts';
import type { Db } from '../../db/client.ts';
import { referenced } from '../../errors.ts';
import { getClass } from '../structure/service.ts';
import { type SummaryOfClass, summaries } from './summaries.ts';

/** A class's ведомость as the contract gives it (without what only its printed form needs). */
export const asClassSummary = ({ classTeacher: _teacher, ...summary }: SummaryOfClass): ClassSummary => summary;

/**
 * Сводная ведомость of one class (seed 001 §7, 002 §4.3, 003): for a period, each student × subject's
 * weighted mean of the period's marks and the period mark (the one grading function), or, without a
 * period, the year: each period's mark, the year mark, the exam and final marks. The school-wide
 * read (summaries.ts) asked for one class: a fixed number of set-based statements.
 */
export async function classSummaryOf(db: Db, now: Date, schoolId: string, query: ClassSummaryQuery) {
  // A period names its year; the year variant reads it from the class (summaries checks the class either way).
  const academicYearId = query.periodId === undefined ? (await referenced(getClass(db, schoolId, query.classId), 'classId')).academicYearId : undefined;
  const result = await summaries(db, now, schoolId, query.periodId !== undefined
    ? { periodId: query.periodId, classId: query.classId }
    : { academicYearId, classId: query.classId });
  return { ...result, summary: result.classes[0]! };
}

export async function classSummaryReport(db: Db, now: Date, schoolId: string, query: ClassSummaryQuery): Promise<ClassSummary> {
  return asClassSummary((await classSummaryOf(db, now, schoolId, query)).summary);
}
