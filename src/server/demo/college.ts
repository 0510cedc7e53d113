import type { SubjectKind } from '../../shared/contract/enums.ts';
import { addCalendar } from './calendar.ts';
import { COMMON_DISCIPLINES, type PlanDiscipline, SPECIALTIES, type Specialty } from './collegePlan.ts';
import { DEMO_CREATED_AT as at } from './random.ts';
import {
  type ClassSeat, type SchoolCtx, addMembers, addRooms, addStaff, addStudents, addTeachingGroup, halves,
} from './roster.ts';
import { type Rows, emptyRows } from './rows.ts';
import type { SchoolSpec } from './school.ts';
import { type Unit, chooseClassTeachers, dealUnits } from './staffing.ts';

type Group = { id: string; specialty: Specialty; course: number; name: string; groupId: string; masterId: string | null };

/** Students under 18 on the demo's today have guardians; adults have none. */
const MINOR_BORN_AFTER = '2008-11-27';

/** A college (СПО): groups by specialty and course, curators, masters, disciplines, ПМ and МДК. */
export function buildCollege(spec: SchoolSpec): Rows {
  const { rng, schoolId } = spec;
  const rows = emptyRows();
  rows.schools.push({
    id: schoolId, municipalityId: spec.municipalityId, name: spec.name, shortName: spec.shortName, kind: 'college',
    timeZone: 'Europe/Moscow', address: spec.address, inn: `${rng.int(22, 89)}${rng.digits(8)}`, createdAt: at, updatedAt: at,
  });
  const yearId = addCalendar(rows, rng, schoolId, 'college');
  const ctx: SchoolCtx = { rows, rng, schoolId, yearId, city: spec.city };
  const specialties = SPECIALTIES.slice(0, rng.int(3, SPECIALTIES.length));

  // Subjects: one row per name; a module before its МДК.
  const subjectIds = new Map<string, string>();
  const addSubject = (p: { code: string; name: string; shortName: string }, kind: SubjectKind, parentId: string | null) => {
    const id = rng.id();
    subjectIds.set(p.name, id);
    rows.subjects.push({ schoolId, id, name: p.name, shortName: p.shortName, kind, code: p.code, parentId, archived: false, createdAt: at });
    return id;
  };
  COMMON_DISCIPLINES.forEach((p) => addSubject(p, 'discipline', null));
  for (const s of specialties) {
    s.disciplines.forEach((p) => addSubject(p, 'discipline', null));
    for (const mod of s.modules) {
      const moduleId = addSubject(mod, 'module', null);
      mod.courses.forEach((p) => addSubject(p, 'interdisciplinaryCourse', moduleId));
    }
  }

  addStaff(ctx, 'director');
  addStaff(ctx, 'deputy');
  addStaff(ctx, 'deputy');
  addStaff(ctx, 'admin');
  addStaff(ctx, 'other');

  const groups: Group[] = [];
  for (const s of specialties) {
    for (let course = 1; course <= s.courses; course++) {
      for (let n = 1; n <= (course === 1 && rng.chance(0.5) ? 2 : 1); n++) {
        const id = rng.id();
        const name = `${s.key}-${course}${n}`;
        groups.push({ id, specialty: s, course, name, groupId: addTeachingGroup(ctx, name, 'class', id), masterId: null });
      }
    }
    // A master of industrial training leads the practice of two groups of a working profession.
    if (s.masters) {
      const own = groups.filter((g) => g.specialty === s);
      own.forEach((g, i) => (g.masterId = i % 2 === 0 ? addStaff(ctx, 'master', rng.chance(0.6) ? 'male' : 'female') : own[i - 1]!.masterId));
    }
  }

  const orders = new Map([1, 2, 3, 4].map((c) => [c, { number: `${rng.int(100, 250)}-к`, date: '2026-08-25' }]));
  const seats: ClassSeat[] = groups.map((g) => ({
    classId: g.id, size: rng.int(20, 25), born: [`${2010 - g.course}-09-01`, `${2011 - g.course}-08-31`], order: orders.get(g.course)!,
  }));
  const pupils = addStudents(ctx, seats, { siblingFamilies: 0.03, hasGuardians: (born) => born > MINOR_BORN_AFTER });

  const curriculum = new Map<string, number>();
  const plan = (course: number, subjectId: string, hours: number) => curriculum.set(`${course}|${subjectId}`, hours);
  const units: Unit[] = [];
  const assign = (staffId: string, u: Pick<Unit, 'groupId' | 'subjectId' | 'hours'>) =>
    rows.assignments.push({
      schoolId, id: rng.id(), academicYearId: yearId, staffId, groupId: u.groupId, subjectId: u.subjectId, periodId: null,
      hoursPerWeek: u.hours, createdAt: at,
    });
  for (const g of groups) {
    const c = g.course;
    const teach = (p: PlanDiscipline) => {
      const hours = p.hours[c - 1] ?? 0;
      if (hours === 0) return;
      const subjectId = subjectIds.get(p.name)!;
      plan(c, subjectId, hours);
      if (!p.split) {
        units.push({ profile: p.profile, bundle: `${p.profile}:${g.id}`, classId: g.id, groupId: g.groupId, subjectId, hours });
        return;
      }
      halves(pupils.get(g.id)!).forEach((half, i) => {
        const groupId = addTeachingGroup(ctx, `${g.name} — ${p.shortName}, гр. ${i + 1}`, 'subgroup', g.id);
        addMembers(ctx, groupId, half);
        units.push({ profile: p.profile, bundle: `${p.profile}:${groupId}`, classId: g.id, groupId, subjectId, hours });
      });
    };
    COMMON_DISCIPLINES.forEach(teach);
    g.specialty.disciplines.forEach(teach);
    for (const mod of g.specialty.modules) {
      mod.courses.forEach(teach);
      const practice = mod.practice[c - 1] ?? 0;
      if (practice === 0) continue;
      const subjectId = subjectIds.get(mod.name)!;
      plan(c, subjectId, practice);
      // Practice goes to the group's master, or to a teacher of the specialty where there is none.
      if (g.masterId) assign(g.masterId, { groupId: g.groupId, subjectId, hours: practice });
      else units.push({ profile: g.specialty.key, bundle: `${g.specialty.key}:${g.id}`, classId: g.id, groupId: g.groupId, subjectId, hours: practice });
    }
  }
  for (const [key, hours] of curriculum) {
    const [course, subjectId] = key.split('|') as [string, string];
    rows.curriculumHours.push({ schoolId, id: rng.id(), academicYearId: yearId, grade: Number(course), subjectId, hoursPerWeek: hours, createdAt: at });
  }

  const teachersByClass = new Map<string, string[]>();
  const teachers: string[] = [];
  for (const post of dealUnits(units)) {
    const teacher = addStaff(ctx, 'teacher');
    teachers.push(teacher);
    for (const u of post.units) {
      assign(teacher, u);
      const list = teachersByClass.get(u.classId) ?? [];
      if (!list.includes(teacher)) teachersByClass.set(u.classId, [...list, teacher]);
    }
  }
  const curators = chooseClassTeachers(rng.shuffle(groups.map((g) => g.id)), teachersByClass, teachers, (xs) => rng.pick(xs));
  for (const g of groups) {
    rows.classes.push({
      schoolId, id: g.id, academicYearId: yearId, grade: g.course, letter: g.name,
      classTeacherId: curators.get(g.id) ?? addStaff(ctx, 'teacher'), masterId: g.masterId, shift: 1, createdAt: at, updatedAt: at,
    });
  }
  addRooms(ctx, groups.length + 4, [
    ['Спортивный зал', 60], ['Учебно-производственная мастерская', 16], ['Учебная кухня', 16], ['Компьютерный класс', 15],
  ]);
  return rows;
}
