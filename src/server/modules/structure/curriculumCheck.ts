import type { CurriculumMismatch } from '../../../shared/contract/structure.ts';

export type LoadLine = { classId: string | null; groupId: string; kind: string; subjectId: string; periodId: string | null; hours: number };
type PlanLine = { grade: number; subjectId: string; hours: number };
type ClassLine = { id: string; grade: number; name: string };

/** Weekly hours a student gets: the year-long load plus the busiest period's own load. */
function weekly(lines: LoadLine[]): number {
  let yearLong = 0;
  const perPeriod = new Map<string, number>();
  for (const l of lines) {
    if (l.periodId === null) yearLong += l.hours;
    else perPeriod.set(l.periodId, (perPeriod.get(l.periodId) ?? 0) + l.hours);
  }
  return round(yearLong + Math.max(0, ...perPeriod.values()));
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Seed 002, 4.4.4: the hours taught must match the curriculum. For each class and subject the
 * students of each subgroup (or the whole class, when it is not split) get the class group's load
 * plus their subgroup's; every track that differs from the plan is reported.
 */
export function curriculumMismatches(classes: ClassLine[], plan: PlanLine[], load: LoadLine[]): CurriculumMismatch[] {
  const planned = new Map(plan.map((p) => [`${p.grade}:${p.subjectId}`, p.hours]));
  const result: CurriculumMismatch[] = [];
  for (const cls of [...classes].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name))) {
    const ofClass = load.filter((l) => l.classId === cls.id);
    const subjects = new Set([...plan.filter((p) => p.grade === cls.grade).map((p) => p.subjectId), ...ofClass.map((l) => l.subjectId)]);
    for (const subjectId of [...subjects].sort()) {
      const lines = ofClass.filter((l) => l.subjectId === subjectId);
      const whole = lines.filter((l) => l.kind === 'class');
      const subgroups = [...new Set(lines.filter((l) => l.kind === 'subgroup').map((l) => l.groupId))].sort();
      const tracks = subgroups.length === 0
        ? [{ groupId: null, hours: weekly(whole) }]
        : subgroups.map((groupId) => ({ groupId, hours: weekly([...whole, ...lines.filter((l) => l.groupId === groupId)]) }));
      const curriculumHours = planned.get(`${cls.grade}:${subjectId}`) ?? null;
      for (const track of tracks) {
        if (round(curriculumHours ?? 0) === track.hours) continue;
        result.push({
          classId: cls.id, className: cls.name, grade: cls.grade, subjectId, groupId: track.groupId, curriculumHours, assignedHours: track.hours,
        });
      }
    }
  }
  return result;
}
