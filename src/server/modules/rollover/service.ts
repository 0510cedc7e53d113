import type { RolloverRequest, RolloverSummary } from '../../../shared/contract/rollover.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, conflict } from '../../errors.ts';
import * as calendar from '../calendar/service.ts';
import * as enrolment from '../enrolment/service.ts';
import * as organisation from '../organisation/service.ts';
import * as structure from '../structure/service.ts';

/** Thrown inside the transaction to undo a preview; carries what the work would have done. */
class PreviewRollback extends Error {
  constructor(readonly summary: RolloverSummary) {
    super('preview');
  }
}

/**
 * Opens the next academic year from `fromYearId` in one transaction: calendar (periods, holidays,
 * bells), classes one grade up, groups, memberships, teaching load and curriculum, and every
 * student promoted or graduated by the given order. A preview runs the very same work and rolls
 * it back, so what it shows is exactly what applying would do.
 */
export async function rollOver(db: Db, schoolId: string, fromYearId: string, input: RolloverRequest, options: { preview: boolean }) {
  try {
    return await db.transaction(async (tx) => {
      await organisation.lockSchool(tx, schoolId);
      const school = await organisation.getSchool(tx, schoolId);
      const fromYear = await calendar.getYear(tx, schoolId, fromYearId);
      if (fromYear.status === 'planning' || fromYear.status === 'archived') {
        throw conflict('rollover.bad_source', 'Перенос возможен из открытого или закрытого учебного года');
      }
      if (input.startsOn <= fromYear.endsOn) {
        throw badRequest('rollover.bad_dates', 'Новый учебный год должен начинаться после окончания текущего', {
          startsOn: `Позже ${fromYear.endsOn}`,
        });
      }
      const lastGrade = input.lastGrade ?? (school.kind === 'college' ? 4 : 11);
      const copied = await calendar.copyCalendarToYear(tx, schoolId, fromYearId, input);
      const classes = await structure.copyClassesToYear(tx, schoolId, fromYearId, copied.year.id, lastGrade);
      const moved = await enrolment.promoteStudents(tx, schoolId, {
        classIds: classes.classIds,
        graduatingClassIds: classes.graduatingClassIds,
        lastDay: fromYear.endsOn,
        firstDay: input.startsOn,
        orderNumber: input.orderNumber,
        orderDate: input.orderDate,
      });
      const load = await structure.copyGroupsAndLoadToYear(tx, schoolId, fromYearId, copied.year.id, {
        classIds: classes.classIds,
        periodIds: copied.periodIds,
        excludeStudentIds: moved.graduatedStudentIds,
        startsOn: input.startsOn,
      });
      const summary: RolloverSummary = {
        applied: !options.preview,
        fromYear: { id: fromYear.id, name: fromYear.name },
        year: {
          id: copied.year.id, name: copied.year.name, startsOn: copied.year.startsOn, endsOn: copied.year.endsOn, status: copied.year.status,
        },
        counts: {
          ...copied.counts,
          classes: classes.classes,
          graduatingClasses: classes.graduatingClassIds.length,
          ...load,
          promoted: moved.promoted,
          graduated: moved.graduated,
        },
      };
      if (options.preview) throw new PreviewRollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.summary;
    throw error;
  }
}
