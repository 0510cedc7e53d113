import type { attendance, attendanceTakings, markVersions, marks } from '../../db/schema/journal.ts';

export type MarkRow = typeof marks.$inferSelect;
export type MarkVersionRow = typeof markVersions.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type AttendanceTakingRow = typeof attendanceTakings.$inferSelect;
