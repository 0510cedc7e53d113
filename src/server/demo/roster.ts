import type { Gender, GroupKind, StaffPosition } from '../../shared/contract/enums.ts';
import { YEAR_STARTS } from './calendar.ts';
import {
  type Family, type PersonName, childName, email, fatherName, mobilePhone, motherName, newFamily, personName, snils,
} from './people.ts';
import { DEMO_CREATED_AT as at, type Rng } from './random.ts';
import type { Rows } from './rows.ts';

/** What every builder of one school needs. */
export type SchoolCtx = { rows: Rows; rng: Rng; schoolId: string; yearId: string; city: string };

export const randomGender = (rng: Rng): Gender => (rng.chance(0.5) ? 'male' : 'female');

/** A staff member; teachers are women three times out of four, as in Russian schools. */
export function addStaff(ctx: SchoolCtx, position: StaffPosition, gender?: Gender): string {
  const { rng } = ctx;
  const id = rng.id();
  const name = personName(gender ?? (rng.chance(0.75) ? 'female' : 'male'));
  ctx.rows.staff.push({
    schoolId: ctx.schoolId, id, ...name, position, email: email(rng, name), phone: mobilePhone(rng),
    hiredOn: rng.date('1995-08-15', '2026-08-31'), dismissedOn: null, createdAt: at, updatedAt: at,
  });
  return id;
}

export function addTeachingGroup(ctx: SchoolCtx, name: string, kind: GroupKind, classId: string | null): string {
  const id = ctx.rng.id();
  ctx.rows.teachingGroups.push({ schoolId: ctx.schoolId, id, academicYearId: ctx.yearId, name, kind, classId, createdAt: at });
  return id;
}

export type Pupil = { id: string; startsOn: string; name: PersonName; birthDate: string };

export type ClassSeat = {
  classId: string;
  size: number;
  /** Birth dates of the class, both included. */
  born: readonly [string, string];
  /** The admission order, e.g. {number: '45-у', date: '2026-08-28'}. */
  order: { number: string; date: string };
};

export type RosterOptions = {
  /** Share of families with two children in the school (seed: ~10%). */
  siblingFamilies: number;
  /** Whether a pupil born on this date gets guardians (a college's adults have none). */
  hasGuardians(birthDate: string): boolean;
};

/**
 * Students of every class with their families: siblings in different classes share a surname,
 * a patronymic and their guardians. Returns the class lists in alphabetical order.
 */
export function addStudents(ctx: SchoolCtx, seats: readonly ClassSeat[], options: RosterOptions): Map<string, Pupil[]> {
  const { rng, rows, schoolId } = ctx;
  type Slot = { seat: ClassSeat; index: number };
  const slots: Slot[] = seats.flatMap((seat) => Array.from({ length: seat.size }, (_, index) => ({ seat, index })));
  // Pair slots of different classes into two-child families; the rest are only children.
  const order = rng.shuffle(slots.map((_, i) => i));
  const families: Slot[][] = [];
  const used = new Set<number>();
  let pairs = Math.round((slots.length * options.siblingFamilies) / (1 + options.siblingFamilies));
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (used.has(i)) continue;
    used.add(i);
    const family = [slots[i]!];
    if (pairs > 0) {
      const j = order.slice(k + 1, k + 40).find((x) => !used.has(x) && slots[x]!.seat.classId !== slots[i]!.seat.classId);
      if (j !== undefined) {
        used.add(j);
        family.push(slots[j]!);
        pairs--;
      }
    }
    families.push(family);
  }

  const lists = new Map<string, Pupil[]>(seats.map((s) => [s.classId, []]));
  for (const members of families) {
    const family: Family = newFamily(rng, ctx.city);
    const children = members.map(({ seat }) => {
      const late = rng.chance(0.01);
      const startsOn = late ? rng.date('2026-09-14', '2026-11-20') : YEAR_STARTS;
      const name = childName(family, randomGender(rng));
      const birthDate = rng.date(seat.born[0], seat.born[1]);
      const pupil: Pupil = { id: rng.id(), startsOn, name, birthDate };
      rows.students.push({
        schoolId, id: pupil.id, ...name, birthDate, snils: snils(rng), address: family.address,
        phone: birthDate < '2016-01-01' ? mobilePhone(rng) : null, email: null, createdAt: at, updatedAt: at,
      });
      rows.enrolments.push({
        schoolId, id: rng.id(), studentId: pupil.id, classId: seat.classId, startsOn,
        startEvent: late ? 'transferred' : 'admitted',
        startOrderNumber: late ? `${rng.int(60, 140)}-у` : seat.order.number,
        startOrderDate: late ? startsOn : seat.order.date,
        endsOn: null, endEvent: null, endOrderNumber: null, endOrderDate: null, endReason: null, createdAt: at, updatedAt: at,
      });
      lists.get(seat.classId)!.push(pupil);
      return pupil;
    });
    if (!children.some((c) => options.hasGuardians(c.birthDate))) continue;
    addGuardians(ctx, family, children.map((c) => c.id));
  }
  for (const list of lists.values()) list.sort(byName);
  return lists;
}

function addGuardians(ctx: SchoolCtx, family: Family, childIds: string[]) {
  const { rng, rows, schoolId } = ctx;
  const shape = rng.weighted([['both', 70], ['mother', 24], ['father', 4], ['guardian', 2]] as const);
  const people: [PersonName, 'mother' | 'father' | 'guardian'][] = [];
  if (shape === 'both' || shape === 'mother') people.push([motherName(family), 'mother']);
  if (shape === 'both' || shape === 'father') people.push([fatherName(family), 'father']);
  if (shape === 'guardian') people.push([personName('female'), 'guardian']);
  for (const [name, relation] of people) {
    const id = rng.id();
    rows.guardians.push({
      schoolId, id, ...name, phone: mobilePhone(rng), email: rng.chance(0.6) ? email(rng, name) : null,
      address: family.address, createdAt: at, updatedAt: at,
    });
    for (const studentId of childIds) rows.studentGuardians.push({ schoolId, studentId, guardianId: id, relation, createdAt: at });
  }
}

const collator = new Intl.Collator('ru');
export const byName = (a: { name: PersonName }, b: { name: PersonName }) =>
  collator.compare(a.name.lastName, b.name.lastName) || collator.compare(a.name.firstName, b.name.firstName);

/** Members of a non-class group, from the day each student arrived. */
export function addMembers(ctx: SchoolCtx, groupId: string, pupils: readonly Pupil[]) {
  for (const p of pupils) {
    ctx.rows.groupMembers.push({
      schoolId: ctx.schoolId, id: ctx.rng.id(), groupId, studentId: p.id, startsOn: p.startsOn, endsOn: null, createdAt: at,
    });
  }
}

/** Two halves of a class list for a split subject: alternate pupils of the alphabetical list. */
export const halves = (pupils: readonly Pupil[]): [Pupil[], Pupil[]] => [
  pupils.filter((_, i) => i % 2 === 0),
  pupils.filter((_, i) => i % 2 === 1),
];

/** Classrooms: numbered rooms on three floors plus the halls every school has. */
export function addRooms(ctx: SchoolCtx, count: number, halls: readonly [string, number][]) {
  const perFloor = Math.ceil(count / 3);
  for (let i = 0; i < count; i++) {
    const name = String((Math.floor(i / perFloor) + 1) * 100 + (i % perFloor) + 1);
    ctx.rows.rooms.push({ schoolId: ctx.schoolId, id: ctx.rng.id(), name, capacity: ctx.rng.pick([25, 30, 30, 32]), note: '', createdAt: at });
  }
  for (const [name, capacity] of halls) {
    ctx.rows.rooms.push({ schoolId: ctx.schoolId, id: ctx.rng.id(), name, capacity, note: '', createdAt: at });
  }
}
