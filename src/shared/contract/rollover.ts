import { ZDate, ZId, ZName, ZOrder } from './common.ts';
import { z } from './zod.ts';

export const ZRolloverParams = z.object({ schoolId: ZId, yearId: ZId });

/** «Открыть новый учебный год» from the year in the path. */
export const ZRolloverRequest = z.object({
  name: ZName(20),
  startsOn: ZDate,
  endsOn: ZDate,
  /** Classes of this grade graduate instead of moving up; 11 in a school, 4 in a college by default. */
  lastGrade: z.number().int().min(1, 'От 1 до 12').max(12, 'От 1 до 12').optional(),
  /** The order (приказ) on promotion and graduation. */
  ...ZOrder,
});
export type RolloverRequest = z.infer<typeof ZRolloverRequest>;

export const ZRolloverSummary = z.object({
  /** False for a preview: the same work was done and rolled back. */
  applied: z.boolean(),
  fromYear: z.object({ id: ZId, name: z.string() }),
  year: z.object({ id: ZId, name: z.string(), startsOn: ZDate, endsOn: ZDate, status: z.string() }),
  counts: z.object({
    periods: z.number().int(),
    holidays: z.number().int(),
    bellSchedules: z.number().int(),
    bells: z.number().int(),
    classes: z.number().int(),
    graduatingClasses: z.number().int(),
    groups: z.number().int(),
    members: z.number().int(),
    assignments: z.number().int(),
    curriculum: z.number().int(),
    promoted: z.number().int(),
    graduated: z.number().int(),
  }),
});
export type RolloverSummary = z.infer<typeof ZRolloverSummary>;
