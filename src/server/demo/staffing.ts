/**
 * Teaching load: the lessons of every class are cut into units (group × subject × hours) and
 * dealt to teachers of the right profile so that each has about one full-time load
 * (18–27 hours a week; a «ставка» is 18).
 */

export type Unit = {
  /** Which kind of teacher takes it (subject profile, or a college specialty). */
  profile: string;
  /** Units of one bundle go to the same teacher: e.g. Russian and Literature in 7 «А». */
  bundle: string;
  classId: string;
  groupId: string;
  subjectId: string;
  hours: number;
};

export type Post = { profile: string; units: Unit[]; load: number };

const MIN_LOAD = 18;
const MAX_LOAD = 27;

/** How many teachers share `total` hours: each within 18–27 when some count allows it. */
function teachersFor(total: number): number {
  const fewest = Math.ceil(total / MAX_LOAD);
  const most = Math.floor(total / MIN_LOAD);
  if (fewest <= most) return Math.min(most, Math.max(fewest, Math.round(total / ((MIN_LOAD + MAX_LOAD) / 2))));
  return Math.max(1, Math.round(total / MAX_LOAD));
}

/** Deals the units of each profile to about total / 22.5 teachers, largest bundles first. */
export function dealUnits(units: readonly Unit[]): Post[] {
  const byProfile = new Map<string, Map<string, Unit[]>>();
  for (const u of units) {
    const bundles = byProfile.get(u.profile) ?? new Map<string, Unit[]>();
    byProfile.set(u.profile, bundles);
    const bundle = bundles.get(u.bundle) ?? [];
    bundles.set(u.bundle, bundle);
    bundle.push(u);
  }
  const posts: Post[] = [];
  for (const [profile, bundles] of byProfile) {
    const list = [...bundles.values()].map((us) => ({ us, hours: us.reduce((s, u) => s + u.hours, 0) }));
    const total = list.reduce((s, b) => s + b.hours, 0);
    const teachers: Post[] = Array.from({ length: teachersFor(total) }, () => ({
      profile, units: [], load: 0,
    }));
    // Stable sort: equal bundles keep their order, so the result depends only on the input.
    list.sort((a, b) => b.hours - a.hours);
    for (const bundle of list) {
      let least = teachers[0]!;
      for (const t of teachers) if (t.load < least.load) least = t;
      least.units.push(...bundle.us);
      least.load += bundle.hours;
    }
    posts.push(...teachers);
  }
  return posts;
}

/**
 * One class teacher per class, each a different person, chosen among the teachers who teach
 * that class when possible; `fallback` (e.g. deputies) when the teachers run out.
 */
export function chooseClassTeachers(
  classIds: readonly string[],
  teachersByClass: ReadonlyMap<string, readonly string[]>,
  allTeachers: readonly string[],
  pick: <T>(items: readonly T[]) => T,
): Map<string, string> {
  const taken = new Set<string>();
  const chosen = new Map<string, string>();
  for (const classId of classIds) {
    const own = (teachersByClass.get(classId) ?? []).filter((t) => !taken.has(t));
    const free = own.length > 0 ? own : allTeachers.filter((t) => !taken.has(t));
    if (free.length === 0) continue;
    const teacher = pick(free);
    taken.add(teacher);
    chosen.set(classId, teacher);
  }
  return chosen;
}
