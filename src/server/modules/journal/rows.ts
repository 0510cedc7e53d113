import type { attendance, markVersions, marks, workTypes } from '../../db/schema/journal.ts';

export type WorkTypeRow = typeof workTypes.$inferSelect;
export type MarkRow = typeof marks.$inferSelect;
export type MarkVersionRow = typeof markVersions.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
