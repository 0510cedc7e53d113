import { inArray } from 'drizzle-orm';
import type { Role, SchoolKind } from '../../shared/contract/enums.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/accounts.ts';
import { municipalityRoles } from '../db/schema/municipal.ts';
import { verifyPassword } from '../modules/accounts/passwords.ts';
import { fullName } from '../../shared/domain/person.ts';
import { DEMO_CREATED_AT as at, type Rng } from './random.ts';
import type { Row, Rows } from './rows.ts';

import { DEMO_PASSWORD } from '../modules/accounts/sessions/demoLogins.ts';

export { DEMO_PASSWORD };

export type DemoLogin = {
  login: string;
  role: Role;
  /** What the person is, in Russian, for the printed table. */
  roleName: string;
  /** The school the account belongs to: the first general school or the college. */
  school: SchoolKind;
};

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { login: 'admin', role: 'admin', roleName: 'администратор школы', school: 'general' },
  { login: 'director', role: 'director', roleName: 'директор', school: 'general' },
  { login: 'zavuch', role: 'deputy', roleName: 'заместитель директора (завуч)', school: 'general' },
  { login: 'teacher', role: 'teacher', roleName: 'учитель', school: 'general' },
  { login: 'klass', role: 'teacher', roleName: 'классный руководитель', school: 'general' },
  { login: 'student', role: 'student', roleName: 'ученик', school: 'general' },
  { login: 'parent', role: 'guardian', roleName: 'родитель', school: 'general' },
  { login: 'curator', role: 'teacher', roleName: 'куратор группы (колледж)', school: 'college' },
  { login: 'college-admin', role: 'admin', roleName: 'администратор колледжа', school: 'college' },
];

/**
 * The demo's municipal operator: no school role, the summaries of the first school's municipality
 * (issue 13, report 8). Printed with the others.
 */
export const DEMO_MUNICIPAL_LOGIN = { login: 'mo', roleName: 'муниципальный оператор (сводный отчёт)', displayName: 'Муниципальный оператор' } as const;

/** Writes the municipal operator's account and role (one transaction), unless the login is taken. */
export async function addDemoOperator(db: Db, id: string, municipalityId: string, passwordHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      id, login: DEMO_MUNICIPAL_LOGIN.login, passwordHash, displayName: DEMO_MUNICIPAL_LOGIN.displayName, isPlatformAdmin: false, lockedAt: null, createdAt: at,
    });
    await tx.insert(municipalityRoles).values({ userId: id, municipalityId, createdAt: at });
  });
}

type Person = { id: string; lastName: string; firstName: string; middleName?: string };

/** Picks who each demo login acts as, among the people of a freshly built school. */
function demoPeople(rows: Rows, kind: SchoolKind): Map<string, Person> {
  const staffById = new Map(rows.staff.map((s) => [s.id, s]));
  const byPosition = (position: string) => rows.staff.find((s) => s.position === position)!;
  const people = new Map<string, Person>();
  if (kind === 'college') {
    const group = rows.classes.find((c) => c.grade === 2) ?? rows.classes[0]!;
    people.set('curator', staffById.get(group.classTeacherId!)!);
    people.set('college-admin', byPosition('admin'));
    return people;
  }
  people.set('admin', byPosition('admin'));
  people.set('director', byPosition('director'));
  people.set('zavuch', byPosition('deputy'));
  // Everyone else around 7 «А»: its class teacher, its algebra teacher, a pupil and a parent.
  const klass = rows.classes.find((c) => c.grade === 7 && c.letter === 'А')!;
  people.set('klass', staffById.get(klass.classTeacherId!)!);
  const classGroup = rows.teachingGroups.find((g) => g.kind === 'class' && g.classId === klass.id)!;
  const algebra = rows.subjects.find((s) => s.name === 'Алгебра')!;
  const taught = rows.assignments.filter((a) => a.groupId === classGroup.id && a.staffId !== klass.classTeacherId);
  const teacher = taught.find((a) => a.subjectId === algebra.id) ?? taught[0]!;
  people.set('teacher', staffById.get(teacher.staffId)!);

  const childrenOf = new Map<string, number>();
  for (const link of rows.studentGuardians) childrenOf.set(link.guardianId, (childrenOf.get(link.guardianId) ?? 0) + 1);
  const pupilIds = new Set(rows.enrolments.filter((e) => e.classId === klass.id).map((e) => e.studentId));
  const links = rows.studentGuardians.filter((l) => pupilIds.has(l.studentId));
  // A mother of two pupils shows the parent's switch between children; any mother will do otherwise.
  const link = links.find((l) => l.relation === 'mother' && childrenOf.get(l.guardianId) === 2)
    ?? links.find((l) => l.relation === 'mother') ?? links[0]!;
  people.set('student', rows.students.find((s) => s.id === link.studentId)!);
  people.set('parent', rows.guardians.find((g) => g.id === link.guardianId)!);
  return people;
}

/** Users and roles of the demo logins of one school (the first general school, or the college); `taken` logins are skipped. */
export function addDemoAccounts(rows: Rows, rng: Rng, kind: SchoolKind, passwordHash: string, taken: ReadonlySet<string>): void {
  const schoolId = rows.schools[0]!.id;
  const people = demoPeople(rows, kind);
  for (const demo of DEMO_LOGINS.filter((d) => d.school === kind && !taken.has(d.login))) {
    const person = people.get(demo.login)!;
    const user: Row<'users'> = {
      id: rng.id(), login: demo.login, passwordHash, displayName: fullName(person), isPlatformAdmin: false, lockedAt: null, createdAt: at,
    };
    rows.users.push(user);
    rows.userRoles.push({ id: rng.id(), userId: user.id, schoolId, role: demo.role, personId: person.id, createdAt: at });
  }
}

/**
 * The «Демо-входы» table printed at start: only the demo accounts that exist and still have the
 * demo password, so a school that changed them is not advertised.
 */
export async function demoLoginLines(db: Db): Promise<string[]> {
  const found = await db
    .select({ login: users.login, displayName: users.displayName, passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.login, [...DEMO_LOGINS.map((d) => d.login), DEMO_MUNICIPAL_LOGIN.login]));
  const usable = await Promise.all(
    found.map(async (u) => (u.passwordHash && (await verifyPassword(u.passwordHash, DEMO_PASSWORD)) ? u : undefined)),
  );
  const byLogin = new Map(usable.filter((u) => u !== undefined).map((u) => [u.login, u]));
  const shown: { login: string; roleName: string }[] = [...DEMO_LOGINS, DEMO_MUNICIPAL_LOGIN].filter((d) => byLogin.has(d.login));
  if (shown.length === 0) return [];
  const width = Math.max(5, ...shown.map((d) => d.login.length));
  return [
    'Демо-входы:',
    `  ${'логин'.padEnd(width)}  ${'пароль'.padEnd(DEMO_PASSWORD.length)}  роль`,
    ...shown.map((d) => `  ${d.login.padEnd(width)}  ${DEMO_PASSWORD}  ${d.roleName} — ${byLogin.get(d.login)!.displayName}`),
  ];
}
