import type { Enrolment } from '../../../shared/contract/enrolment.ts';
import type { EnrolmentEndEvent, EnrolmentStartEvent } from '../../../shared/contract/enums.ts';
import type { EnrolmentRow } from './queries.ts';

export const presentEnrolment = (e: EnrolmentRow): Enrolment => ({
  id: e.id,
  studentId: e.studentId,
  classId: e.classId,
  startsOn: e.startsOn,
  endsOn: e.endsOn,
  start: { event: e.startEvent as EnrolmentStartEvent, orderNumber: e.startOrderNumber, orderDate: e.startOrderDate },
  end: e.endEvent === null ? null : {
    event: e.endEvent as EnrolmentEndEvent, orderNumber: e.endOrderNumber, orderDate: e.endOrderDate, reason: e.endReason,
  },
});
