import type { AcademicYear, BellSchedule, Holiday, Period } from '../../../shared/contract/calendar.ts';
import type { HolidayKind, PeriodKind, YearStatus } from '../../../shared/contract/enums.ts';
import type { BellScheduleWithBells } from './bellsService.ts';
import type { HolidayRow, PeriodRow, YearRow } from './queries.ts';

export const presentYear = (y: YearRow): AcademicYear => ({
  id: y.id,
  name: y.name,
  startsOn: y.startsOn,
  endsOn: y.endsOn,
  status: y.status as YearStatus,
  weekDays: y.weekDays,
});

export const presentPeriod = (p: PeriodRow): Period => ({
  id: p.id,
  academicYearId: p.academicYearId,
  name: p.name,
  kind: p.kind as PeriodKind,
  gradeFrom: p.gradeFrom,
  gradeTo: p.gradeTo,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

export const presentHoliday = (h: HolidayRow): Holiday => ({
  id: h.id,
  academicYearId: h.academicYearId,
  name: h.name,
  kind: h.kind as HolidayKind,
  startsOn: h.startsOn,
  endsOn: h.endsOn,
  gradeFrom: h.gradeFrom,
  gradeTo: h.gradeTo,
});

/** The database keeps `time` as 'HH:MM:SS'; the contract speaks 'HH:MM'. */
const hhmm = (time: string) => time.slice(0, 5);

export const presentBellSchedule = (s: BellScheduleWithBells): BellSchedule => ({
  id: s.id,
  academicYearId: s.academicYearId,
  name: s.name,
  isDefault: s.isDefault,
  bells: s.bells.map((b) => ({ lessonNumber: b.lessonNumber, startsAt: hhmm(b.startsAt), endsAt: hhmm(b.endsAt) })),
});
