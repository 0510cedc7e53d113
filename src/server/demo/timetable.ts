/**
 * The weekly timetable of a demo school: every class's curriculum hours spread over the week, its
 * split subjects in parallel halves, activities after lessons, with no clash of group, teacher or
 * room. Each class is placed in turn by a bipartite matching of its lesson hours to its lesson
 * positions (Kuhn's augmenting paths), so a busy teacher's hours find a place when one exists.
 */
import { type Rng, DEMO_CREATED_AT as at } from './random.ts';
import type { Row, Rows } from './rows.ts';

type Part = { groupId: string; subjectId: string; staffId: string };
/** Lessons taught at the same time to one class: the whole class, or its two halves in parallel. */
type Item = { parts: Part[]; hours: number };
type Pos = { day: number; num: number };

/** Bells exist for lessons 1–8; activities and overflow go after the class's last lesson. */
const MAX_LESSON = 8;

/** Halls by the subjects that go there first. */
const HALL_FOR: readonly [RegExp, string][] = [
  [/^Физическая культура/, 'Спортивный зал'],
  [/^Информатика/, 'Компьютерный класс'],
  [/^Школьный хор|^Музыка/, 'Актовый зал'],
  [/^ПМ\.|^Выполнение|^Приготовление|^Техническое обслуживание/, 'Учебно-производственная мастерская'],
];

class Busy {
  private readonly taken = new Set<string>();
  has = (who: string, day: number, num: number) => this.taken.has(`${who}|${day}|${num}`);
  add = (who: string, day: number, num: number) => void this.taken.add(`${who}|${day}|${num}`);
}

/** A class's lessons: the class group's, and its halves' paired so that a half is never idle. */
function itemsOf(classGroupId: string, halves: Map<string, 1 | 2>, assignments: Row<'assignments'>[]): Item[] {
  const items: Item[] = [];
  const tokens: [Part[], Part[]] = [[], []];
  for (const a of assignments) {
    const part = { groupId: a.groupId, subjectId: a.subjectId, staffId: a.staffId };
    if (a.groupId === classGroupId) items.push({ parts: [part], hours: a.hoursPerWeek });
    else for (let h = 0; h < a.hoursPerWeek; h++) tokens[halves.get(a.groupId) === 2 ? 1 : 0].push(part);
  }
  // Pair an hour of half 1 with an hour of half 2 of another teacher, the same subject first.
  const pairs = new Map<string, Item>();
  const rest = tokens[1].slice();
  for (const first of tokens[0]) {
    const i = [rest.findIndex((p) => p.subjectId === first.subjectId && p.staffId !== first.staffId), rest.findIndex((p) => p.staffId !== first.staffId)]
      .find((x) => x >= 0);
    const parts = i === undefined ? [first] : [first, rest.splice(i, 1)[0]!];
    const key = parts.map((p) => `${p.groupId}/${p.staffId}`).join('+');
    const item = pairs.get(key) ?? { parts, hours: 0 };
    item.hours++;
    pairs.set(key, item);
  }
  for (const second of rest) {
    const key = `${second.groupId}/${second.staffId}`;
    const item = pairs.get(key) ?? { parts: [second], hours: 0 };
    item.hours++;
    pairs.set(key, item);
  }
  return [...items, ...pairs.values()];
}

/** Lessons per day: the week's hours spread evenly, the longer days in the middle of the week. */
function dayLengths(hours: number, days: number, shift: number): number[] {
  const base = Math.floor(hours / days);
  const longer = hours % days;
  const order = Array.from({ length: days }, (_, i) => (i + 1 + shift) % days);
  const lengths = Array(days).fill(base) as number[];
  for (const d of order.slice(0, longer)) lengths[d]!++;
  return lengths;
}

/**
 * Places one class: every hour of `items` on a position (day, lesson number) where its teachers
 * are free, a subject at most once a day while its hours allow. Hours that fit nowhere lengthen a
 * day up to lesson 8 (with a gap if need be); any still left (a teacher loaded beyond the week) are dropped.
 */
function placeClass(items: Item[], lengths: number[], teachers: Busy, load: Map<string, number>, rng: Rng): { item: Item; pos: Pos }[] {
  const positions: Pos[] = lengths.flatMap((n, day) => Array.from({ length: n }, (_, i) => ({ day, num: i + 1 })));
  const units = items.flatMap((item, i) => Array<number>(item.hours).fill(i));
  const rank = rng.shuffle(positions.map((_, i) => i));
  const match = new Int32Array(positions.length + 64).fill(-1);
  const posOf = new Int32Array(units.length).fill(-1);
  const free = (item: Item, p: Pos) => item.parts.every((part) => !teachers.has(part.staffId, p.day, p.num));
  const siblings = items.map(() => [] as number[]);
  units.forEach((i, u) => siblings[i]!.push(u));
  const sameDay = (u: number, day: number) => {
    let n = 0;
    for (const v of siblings[units[u]!]!) if (v !== u && posOf[v]! >= 0 && positions[posOf[v]!]!.day === day) n++;
    return n;
  };
  // Where each item's teachers are free does not change while the class is placed.
  const allowed = items.map((item) => rank.filter((p) => free(item, positions[p]!)));
  const tryPlace = (u: number, seen: Uint8Array, strict: boolean): boolean => {
    const item = items[units[u]!]!;
    const spread = strict && item.hours <= lengths.length;
    const order: number[] = [];
    const later: number[] = [];
    for (const p of allowed[units[u]!]!) {
      if (seen[p]) continue;
      if (sameDay(u, positions[p]!.day) === 0) order.push(p);
      else if (!spread) later.push(p);
    }
    for (const p of order.concat(later)) {
      if (seen[p]) continue;
      seen[p] = 1;
      if (match[p] === -1 || tryPlace(match[p]!, seen, strict)) {
        match[p] = u;
        posOf[u] = p;
        return true;
      }
    }
    return false;
  };
  // The most loaded teachers' hours first: they have the fewest free positions.
  const loadOf = (u: number) => Math.max(...items[units[u]!]!.parts.map((p) => load.get(p.staffId) ?? 0));
  const order = units.map((_, u) => u).sort((a, b) => loadOf(b) - loadOf(a) || a - b);
  for (const u of order) {
    if (tryPlace(u, new Uint8Array(positions.length), true) || tryPlace(u, new Uint8Array(positions.length), false)) continue;
    // No place within the class's day: after its last lesson, leaving a gap if the teacher is busy right after.
    const item = items[units[u]!]!;
    const extra = lengths.map((n, day) => ({ n, day })).sort((a, b) => a.n - b.n)
      .flatMap(({ n, day }) => Array.from({ length: MAX_LESSON - n }, (_, i) => ({ day, num: n + 1 + i })))
      .find((p) => free(item, p));
    if (!extra) continue;
    lengths[extra.day] = extra.num;
    positions.push(extra);
    match[positions.length - 1] = u;
    posOf[u] = positions.length - 1;
  }
  const placed: { item: Item; pos: Pos }[] = [];
  positions.forEach((pos, p) => {
    if (match[p]! >= 0) placed.push({ item: items[units[match[p]!]!]!, pos });
  });
  return placed;
}

/** Rooms: a home room per class, halls for the subjects that need them, any free room otherwise. */
class RoomPlan {
  private readonly busy = new Busy();
  private readonly numbered: string[];
  private readonly halls: Map<string, string>;
  constructor(rooms: Row<'rooms'>[], private readonly subjectName: Map<string, string>) {
    this.numbered = rooms.filter((r) => /^\d+$/.test(r.name)).map((r) => r.id);
    this.halls = new Map(rooms.filter((r) => !/^\d+$/.test(r.name)).map((r) => [r.name, r.id]));
  }
  home = (i: number) => this.numbered[i];
  pick(subjectId: string, home: string | undefined, { day, num }: Pos): string | null {
    const name = this.subjectName.get(subjectId) ?? '';
    const hall = HALL_FOR.find(([re]) => re.test(name))?.[1];
    const start = home ? Math.max(0, this.numbered.indexOf(home)) : 0;
    const around = this.numbered.map((_, i) => this.numbered[(start + i) % this.numbered.length]!);
    const candidates = [hall && this.halls.get(hall), home, ...around].filter((r): r is string => !!r);
    const room = candidates.find((r) => !this.busy.has(r, day, num));
    if (room) this.busy.add(room, day, num);
    return room ?? null;
  }
}

/** Writes `timetable_slots` for every group of the school's open year, valid over the whole year. */
export function addTimetable(rows: Rows, rng: Rng): void {
  const school = rows.schools[0]!;
  const year = rows.academicYears[0]!;
  const schoolId = school.id;
  const days = year.weekDays ?? 5;
  const subjectName = new Map(rows.subjects.map((s) => [s.id, s.name]));
  const rooms = new RoomPlan(rows.rooms, subjectName);
  const teachers = new Busy();
  const byGroup = new Map<string, Row<'assignments'>[]>();
  const load = new Map<string, number>();
  for (const a of rows.assignments) {
    byGroup.set(a.groupId, [...(byGroup.get(a.groupId) ?? []), a]);
    load.set(a.staffId, (load.get(a.staffId) ?? 0) + a.hoursPerWeek);
  }

  const slot = (part: Part, pos: Pos, roomId: string | null) => {
    teachers.add(part.staffId, pos.day, pos.num);
    rows.timetableSlots.push({
      schoolId, id: rng.id(), groupId: part.groupId, subjectId: part.subjectId, staffId: part.staffId, roomId,
      weekday: pos.day + 1, lessonNumber: pos.num, validFrom: year.startsOn, validTo: year.endsOn, weekParity: null, createdAt: at,
    });
  };

  const classes = [...rows.classes].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter));
  const lengthsOf = new Map<string, number[]>();
  classes.forEach((c, index) => {
    const groups = rows.teachingGroups.filter((g) => g.classId === c.id);
    const classGroup = groups.find((g) => g.kind === 'class')!;
    const halves = new Map(groups.filter((g) => g.kind === 'subgroup').map((g) => [g.id, g.name.endsWith('гр. 2') ? 2 : 1] as const));
    const items = itemsOf(classGroup.id, halves, groups.flatMap((g) => byGroup.get(g.id) ?? []));
    const hours = items.reduce((s, i) => s + i.hours, 0);
    const lengths = dayLengths(hours, days, index);
    for (const { item, pos } of placeClass(items, lengths, teachers, load, rng)) {
      item.parts.forEach((part, i) => slot(part, pos, rooms.pick(part.subjectId, i === 0 ? rooms.home(index) : undefined, pos)));
    }
    lengthsOf.set(c.id, lengths);
  });

  // Activities of several classes: after the last lesson of every member's class that day.
  const classOf = new Map(rows.enrolments.map((e) => [e.studentId, e.classId]));
  for (const group of rows.teachingGroups.filter((g) => g.classId === null)) {
    const memberClasses = new Set(rows.groupMembers.filter((m) => m.groupId === group.id).map((m) => classOf.get(m.studentId)!));
    const after = (day: number) => Math.max(0, ...[...memberClasses].map((id) => lengthsOf.get(id)?.[day] ?? 0)) + 1;
    for (const a of byGroup.get(group.id) ?? []) {
      const part = { groupId: a.groupId, subjectId: a.subjectId, staffId: a.staffId };
      const tried = rng.shuffle(Array.from({ length: days }, (_, d) => d));
      let left = a.hoursPerWeek;
      for (const day of tried) {
        if (left === 0) break;
        for (let num = after(day); num <= MAX_LESSON; num++) {
          if (teachers.has(part.staffId, day, num)) continue;
          slot(part, { day, num }, rooms.pick(part.subjectId, undefined, { day, num }));
          left--;
          break;
        }
      }
    }
  }
}
