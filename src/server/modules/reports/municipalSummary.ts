import { sql } from 'drizzle-orm';
import type { AttendanceFigures, MunicipalSummary, MunicipalSummaryQuery } from '../../../shared/contract/oversight.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import { addDays, minDate } from '../../../shared/domain/calendar.ts';
import { periodResults } from '../../../shared/domain/results.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { getMunicipality } from '../organisation/service.ts';
import { controlFiguresOf, percentOf, sumControlFigures } from './controlFigures.ts';
import { attendanceCounts, periodResultsMany } from './controlFiguresQueries.ts';

const attendanceFigures = (c: { due: number; absent: number; ill: number; excused: number; late: number }): AttendanceFigures => {
  const missed = c.absent + c.ill + c.excused;
  return { due: c.due, absent: c.absent, ill: c.ill, excused: c.excused, late: c.late, missed, missedPercent: percentOf(missed, c.due) };
};

/**
 * The municipal summary (issue 13, report 8): per school of the municipality and for the
 * municipality, the period results, attendance and control figures over from–to — counts and
 * percentages only, never a person. Seven statements whatever the number of schools: the
 * municipality, its schools, the results, attendance, and the three of the control figures.
 * Results: each school's latest period per grade band that ended in the range (its own calendar).
 */
export async function municipalSummary(db: Db, municipalityId: string, query: MunicipalSummaryQuery, now: Date): Promise<MunicipalSummary> {
  const municipality = await getMunicipality(db, municipalityId);
  const schools = await queryRows<{ id: string; name: string }>(db, sql`
    select id, name from schools where municipality_id = ${municipalityId} order by name, id`);
  return {
    municipality: { id: municipality.id, name: municipality.name },
    from: query.from, to: query.to, weeks: query.weeks,
    ...await summaryOfSchools(db, schools, query, now),
  };
}

/** The summary's figures of any set of schools (a municipality's; the bench asks for a whole district's): five statements. */
export async function summaryOfSchools(
  db: Db, schools: readonly { id: string; name: string }[], query: MunicipalSummaryQuery, now: Date,
): Promise<Pick<MunicipalSummary, 'schools' | 'total'>> {
  const ids = schools.map((s) => s.id);
  // The control figures' end: no later than today (UTC date; a school's own today is applied in SQL).
  const end = minDate(query.to, now.toISOString().slice(0, 10));
  const to = end < query.from ? query.from : end;
  const [results, attendance, control] = await Promise.all([
    periodResultsMany(db, ids, query.from, query.to),
    attendanceCounts(db, ids, query.from, query.to, now),
    controlFiguresOf(db, ids, { from: query.from, to, withoutMarksFrom: addDays(to, -7 * query.weeks + 1) }, now),
  ]);
  const none = { due: 0, absent: 0, ill: 0, excused: 0, late: 0 };
  const rows = schools.map((s) => {
    const own = results.filter((r) => r.school_id === s.id);
    const marks = own.map((r) => r.vals as PeriodMarkValue[]);
    return {
      schoolId: s.id, name: s.name,
      periods: [...new Set(own.map((r) => r.period))],
      students: marks.length,
      results: periodResults(marks),
      attendance: attendanceFigures(attendance.find((a) => a.school_id === s.id) ?? none),
      control: control.get(s.id)!.figures,
    };
  });
  const allMarks = results.map((r) => r.vals as PeriodMarkValue[]);
  const sum = (pick: (a: AttendanceFigures) => number) => rows.reduce((n, r) => n + pick(r.attendance), 0);
  return {
    schools: rows,
    total: {
      schools: rows.length,
      students: allMarks.length,
      results: periodResults(allMarks),
      attendance: attendanceFigures({ due: sum((a) => a.due), absent: sum((a) => a.absent), ill: sum((a) => a.ill), excused: sum((a) => a.excused), late: sum((a) => a.late) }),
      control: sumControlFigures(rows.map((r) => r.control)),
    },
  };
}
