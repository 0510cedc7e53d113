import { addCalendar } from './calendar.ts';
import { EXTRA_ACTIVITIES, GENERAL_CURRICULUM, hoursIn, profileIn } from './curriculum.ts';
import { DEMO_CREATED_AT as at, type Rng } from './random.ts';
import {
  type ClassSeat, type Pupil, type SchoolCtx, addMembers, addRooms, addStaff, addStudents, addTeachingGroup, halves,
} from './roster.ts';
import { type Rows, emptyRows } from './rows.ts';
import { type Unit, chooseClassTeachers, dealUnits } from './staffing.ts';

export type SchoolSpec = {
  rng: Rng;
  schoolId: string;
  municipalityId: string;
  name: string;
  shortName: string;
  address: string;
  /** Town of the school, for the families' addresses. */
  city: string;
};

const LETTERS = ['А', 'Б', 'В', 'Г'];

type SchoolClass = { id: string; grade: number; letter: string; groupId: string };

/** Letters per grade: 2–4 in grades 1–9 (a school has its usual size), fewer in 10–11. */
function lettersPerGrade(rng: Rng): number[] {
  const size = rng.pick([2, 2, 2, 3, 3]);
  return Array.from({ length: 11 }, (_, i) => {
    if (i >= 9) return Math.min(3, Math.max(1, size - 1 + (rng.chance(0.3) ? 1 : 0)));
    return Math.min(4, Math.max(2, size + (rng.chance(0.25) ? 1 : 0) - (rng.chance(0.15) ? 1 : 0)));
  });
}

/** A general school (grades 1–11) with its year, people, classes, load and curriculum. */
export function buildGeneralSchool(spec: SchoolSpec): Rows {
  const { rng, schoolId } = spec;
  const rows = emptyRows();
  rows.schools.push({
    id: schoolId, municipalityId: spec.municipalityId, name: spec.name, shortName: spec.shortName, kind: 'general',
    timeZone: 'Europe/Moscow', address: spec.address, inn: `${rng.int(22, 89)}${rng.digits(8)}`, createdAt: at, updatedAt: at,
  });
  const yearId = addCalendar(rows, rng, schoolId, 'general');
  const ctx: SchoolCtx = { rows, rng, schoolId, yearId, city: spec.city };

  const subjectIds = new Map<string, string>();
  for (const s of [...GENERAL_CURRICULUM, ...EXTRA_ACTIVITIES]) {
    const id = rng.id();
    subjectIds.set(s.name, id);
    rows.subjects.push({ schoolId, id, name: s.name, shortName: s.shortName, kind: 'subject', code: '', parentId: null, archived: false, createdAt: at });
  }

  // Administration first, so that the staff list begins with it.
  addStaff(ctx, 'director');
  for (let i = rng.int(2, 3); i > 0; i--) addStaff(ctx, 'deputy');
  addStaff(ctx, 'admin');
  for (let i = rng.int(1, 2); i > 0; i--) addStaff(ctx, 'other');

  const classes: SchoolClass[] = [];
  lettersPerGrade(rng).forEach((count, i) => {
    for (const letter of LETTERS.slice(0, count)) {
      const id = rng.id();
      classes.push({ id, grade: i + 1, letter, groupId: addTeachingGroup(ctx, `${i + 1}${letter}`, 'class', id) });
    }
  });
  const grades = [...new Set(classes.map((c) => c.grade))];
  for (const grade of grades) {
    for (const s of GENERAL_CURRICULUM) {
      const hours = hoursIn(s, grade);
      if (hours > 0) {
        rows.curriculumHours.push({ schoolId, id: rng.id(), academicYearId: yearId, grade, subjectId: subjectIds.get(s.name)!, hoursPerWeek: hours, createdAt: at });
      }
    }
  }

  const orders = new Map(grades.map((g) => [g, { number: `${rng.int(30, 59)}-у`, date: '2026-08-28' }]));
  const seats: ClassSeat[] = classes.map((c) => ({
    classId: c.id, size: rng.int(22, 30), born: [`${2019 - c.grade}-09-01`, `${2020 - c.grade}-08-31`], order: orders.get(c.grade)!,
  }));
  const pupils = addStudents(ctx, seats, { siblingFamilies: 0.1, hasGuardians: () => true });

  // Units of teaching load; split subjects get a unit per subgroup.
  const primaryUnits = new Map<string, Unit[]>();
  const units: Unit[] = [];
  for (const c of classes) {
    for (const s of GENERAL_CURRICULUM) {
      const hours = hoursIn(s, c.grade);
      if (hours === 0) continue;
      const subjectId = subjectIds.get(s.name)!;
      const profile = profileIn(s, c.grade);
      if (s.splitFrom !== undefined && c.grade >= s.splitFrom) {
        halves(pupils.get(c.id)!).forEach((half, i) => {
          const groupId = addTeachingGroup(ctx, `${c.grade}${c.letter} — ${s.shortName}, гр. ${i + 1}`, 'subgroup', c.id);
          addMembers(ctx, groupId, half);
          units.push({ profile, bundle: `${profile}:${groupId}`, classId: c.id, groupId, subjectId, hours });
        });
        continue;
      }
      const unit: Unit = { profile, bundle: `${profile}:${c.id}`, classId: c.id, groupId: c.groupId, subjectId, hours };
      if (profile === 'primary') primaryUnits.set(c.id, [...(primaryUnits.get(c.id) ?? []), unit]);
      else units.push(unit);
    }
  }

  const assign = (staffId: string, u: Pick<Unit, 'groupId' | 'subjectId' | 'hours'>) =>
    rows.assignments.push({
      schoolId, id: rng.id(), academicYearId: yearId, staffId, groupId: u.groupId, subjectId: u.subjectId, periodId: null,
      hoursPerWeek: u.hours, createdAt: at,
    });

  // Grades 1–4: the class teacher teaches most subjects of the class.
  const classTeacher = new Map<string, string>();
  for (const c of classes.filter((x) => x.grade <= 4)) {
    const teacher = addStaff(ctx, 'teacher', rng.chance(0.95) ? 'female' : 'male');
    classTeacher.set(c.id, teacher);
    for (const u of primaryUnits.get(c.id) ?? []) assign(teacher, u);
  }

  const teachersByProfile = new Map<string, string[]>();
  const teachersByClass = new Map<string, string[]>();
  for (const post of dealUnits(units)) {
    const teacher = addStaff(ctx, 'teacher', post.profile === 'pe' && rng.chance(0.5) ? 'male' : undefined);
    teachersByProfile.set(post.profile, [...(teachersByProfile.get(post.profile) ?? []), teacher]);
    for (const u of post.units) {
      assign(teacher, u);
      const list = teachersByClass.get(u.classId) ?? [];
      if (!list.includes(teacher)) teachersByClass.set(u.classId, [...list, teacher]);
    }
  }
  const senior = rng.shuffle(classes.filter((c) => c.grade >= 5).map((c) => c.id));
  const subjectTeachers = [...teachersByProfile.values()].flat();
  for (const [classId, teacher] of chooseClassTeachers(senior, teachersByClass, subjectTeachers, (xs) => rng.pick(xs))) {
    classTeacher.set(classId, teacher);
  }
  for (const c of classes) {
    // Should the subject teachers ever run out, a newly hired teacher takes the class.
    const teacherId = classTeacher.get(c.id) ?? addStaff(ctx, 'teacher');
    rows.classes.push({
      schoolId, id: c.id, academicYearId: yearId, grade: c.grade, letter: c.letter, classTeacherId: teacherId, masterId: null,
      shift: 1, createdAt: at, updatedAt: at,
    });
  }

  addActivities(ctx, rng, classes, pupils, subjectIds, teachersByProfile, assign);
  // A home room per class, and spare ones for the second half of a split class.
  addRooms(ctx, classes.length + Math.ceil(classes.length / 5), [['Спортивный зал', 60], ['Актовый зал', 200], ['Библиотека', 30]]);
  return rows;
}

/** 2–3 extracurricular or additional-education groups with members from several classes. */
function addActivities(
  ctx: SchoolCtx, rng: Rng, classes: SchoolClass[], pupils: Map<string, Pupil[]>, subjectIds: Map<string, string>,
  teachersByProfile: Map<string, string[]>, assign: (staffId: string, u: Pick<Unit, 'groupId' | 'subjectId' | 'hours'>) => void,
) {
  for (const activity of rng.shuffle(EXTRA_ACTIVITIES).slice(0, rng.int(2, 3))) {
    const [from, to] = activity.grades;
    const pool = classes.filter((c) => c.grade >= from && c.grade <= to).flatMap((c) => pupils.get(c.id)!);
    if (pool.length === 0) continue;
    const groupId = addTeachingGroup(ctx, activity.name, activity.kind, null);
    addMembers(ctx, groupId, rng.shuffle(pool).slice(0, rng.int(12, 20)));
    const teachers = teachersByProfile.get(activity.profile) ?? [...teachersByProfile.values()].flat();
    assign(rng.pick(teachers), { groupId, subjectId: subjectIds.get(activity.name)!, hours: activity.hours });
  }
}
