import { ZDate, ZId, ZName, ZOrder, ZPageQuery } from './common.ts';
import { ENROLMENT_END_EVENTS, ENROLMENT_START_EVENTS } from './enums.ts';
import { z } from './zod.ts';

/** A stay of a student in a class, with the event and the order (приказ) at each end. */
export const ZEnrolment = z.object({
  id: ZId,
  studentId: ZId,
  classId: ZId,
  startsOn: ZDate,
  /** Last day in the class; null while the student is there. */
  endsOn: ZDate.nullable(),
  start: z.object({ event: z.enum(ENROLMENT_START_EVENTS), orderNumber: z.string(), orderDate: ZDate }),
  end: z.object({
    event: z.enum(ENROLMENT_END_EVENTS),
    orderNumber: z.string().nullable(),
    orderDate: ZDate.nullable(),
    reason: z.string().nullable(),
  }).nullable(),
});
export type Enrolment = z.infer<typeof ZEnrolment>;

export const ZEnrolmentQuery = ZPageQuery.extend({
  studentId: ZId.optional(),
  classId: ZId.optional(),
  /** Only stays that cover this date. */
  on: ZDate.optional(),
});

/** Admission (зачисление). */
export const ZAdmission = z.object({ studentId: ZId, classId: ZId, startsOn: ZDate, ...ZOrder });
const ZReason = z.string().trim().max(500, 'Не длиннее 500 символов');
export const ZTransfer = z.object({ toClassId: ZId, on: ZDate, ...ZOrder, reason: ZReason.nullable().default(null) });
export const ZTransferred = z.object({ closed: ZEnrolment, opened: ZEnrolment });
/** Expulsion (отчисление): the reason is part of the record. */
export const ZExpulsion = z.object({ on: ZDate, ...ZOrder, reason: ZName(500) });
export const ZGraduation = z.object({ on: ZDate, ...ZOrder });
