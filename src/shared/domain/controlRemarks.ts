/**
 * Remarks on compliance flags (seed 001, 6.2: the deputy's findings reach the teachers). A flag is
 * not stored: it is recomputed from the journal each time. A remark names its flag by what the
 * flag is about, so it finds the same flag again on the next read.
 */

/** A remark is short: a line or two the teacher reads beside the flag. */
export const REMARK_MAX_LENGTH = 500;

/** What a flag of each kind is about. */
export type FlagTarget = 'lesson' | 'homework' | 'mark' | 'period';

/**
 * The object a flag of this kind points at: late homework its homework entry, a late mark its mark,
 * few or missing period marks a student × subject × group × period; every other kind (a lesson
 * without a topic, without attendance taken, …) its lesson.
 */
export function flagTarget(kind: string): FlagTarget {
  switch (kind) {
    case 'homework_late': return 'homework';
    case 'mark_late':
    case 'written_mark_late': return 'mark';
    case 'few_marks':
    case 'period_mark_missing': return 'period';
    default: return 'lesson';
  }
}

export type FlagIdentity = {
  kind: string;
  lessonId?: string | null;
  entryId?: string | null;
  studentId?: string | null;
  periodId?: string | null;
  groupId?: string | null;
  subjectId?: string | null;
};

/**
 * The stable key of a flag: its kind and the ids of what it is about, only those its kind uses
 * (so a remark and the recomputed flag agree whatever else the flag carries).
 */
export function flagKey(f: FlagIdentity): string {
  const ids = (() => {
    switch (flagTarget(f.kind)) {
      case 'homework':
      case 'mark': return [f.lessonId, f.entryId];
      case 'period': return [f.periodId, f.groupId, f.subjectId, f.studentId];
      default: return [f.lessonId];
    }
  })();
  return [f.kind, ...ids.map((id) => id ?? '')].join(':');
}
