import type { LessonKind, LessonStatus, WeekParity } from '../../../shared/contract/enums.ts';
import type { Lesson, PlannedTopic, Slot } from '../../../shared/contract/timetable.ts';
import type { LessonRow } from './queries.ts';
import type { SlotRow } from './slotQueries.ts';
import type { TopicWithUse } from './topicQueries.ts';

export const presentSlot = (s: SlotRow): Slot => ({
  id: s.id,
  groupId: s.groupId,
  subjectId: s.subjectId,
  staffId: s.staffId,
  roomId: s.roomId,
  weekday: s.weekday,
  lessonNumber: s.lessonNumber,
  validFrom: s.validFrom,
  validTo: s.validTo,
  weekParity: s.weekParity as WeekParity | null,
});

export const presentLesson = (l: LessonRow): Lesson => ({
  id: l.id,
  groupId: l.groupId,
  subjectId: l.subjectId,
  staffId: l.staffId,
  substituteStaffId: l.substituteStaffId,
  roomId: l.roomId,
  slotId: l.slotId,
  date: l.date,
  lessonNumber: l.lessonNumber,
  kind: l.kind as LessonKind,
  status: l.status as LessonStatus,
  originalDate: l.originalDate,
  originalLessonNumber: l.originalLessonNumber,
  statusReason: l.statusReason,
  topic: l.topic,
  plannedTopicId: l.plannedTopicId,
  notes: l.notes,
  workTypeIds: l.workTypeIds,
  version: l.version,
  topicWrittenAt: l.topicWrittenAt?.toISOString() ?? null,
});

export const presentTopic = (t: TopicWithUse): PlannedTopic => ({
  id: t.id, groupId: t.groupId, subjectId: t.subjectId, ordinal: t.ordinal, title: t.title, hours: t.hours, lessonsCount: t.lessonsCount,
});
