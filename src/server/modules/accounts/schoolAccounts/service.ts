import type { RoleGrant, SchoolAccount } from '../../../../shared/contract/accounts.ts';
import type { Role } from '../../../../shared/contract/enums.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { conflict, found, notFound, referenced } from '../../../errors.ts';
import type { Actor } from '../../../policy/policy.ts';
import { lockSchool } from '../../organisation/service.ts';
import { accountNotFound } from '../../../policy/notFound.ts';
import { classStudentPairs } from '../../../roster/classStays.ts';
import { guardianLinks } from '../../../roster/family.ts';
import * as people from '../../people/service.ts';
import * as structure from '../../structure/service.ts';
import type { Client } from '../sessions/authService.ts';
import * as q from '../queries.ts';
import * as sq from './queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSessionsOfUser } from '../sessions/sessions.ts';

type PersonKind = 'staff' | 'student' | 'guardian';

/** The kind of record each role acts as (`user_roles.person_id`). */
const PERSON_KIND: Record<Role, PersonKind> = {
  admin: 'staff', director: 'staff', deputy: 'staff', teacher: 'staff', student: 'student', guardian: 'guardian',
};

const roleNotFound = () => notFound('account_role', 'У учётной записи нет этой роли в школе');

type Person = { id: string; lastName: string; firstName: string; middleName: string };
const fullName = (p: Person) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

/** The names of the records the roles act as: one query per kind of record, never per role. */
async function personNames(db: Db, schoolId: string, roles: sq.RoleRow[]) {
  const ids = (kind: PersonKind) => [...new Set(roles.filter((r) => r.personId && PERSON_KIND[r.role as Role] === kind).map((r) => r.personId!))];
  const rows = [
    ...(await people.staffByIds(db, schoolId, ids('staff'))).map((p) => ['staff', p] as const),
    ...(await people.studentsByIds(db, schoolId, ids('student'))).map((p) => ['student', p] as const),
    ...(await people.guardiansByIds(db, schoolId, ids('guardian'))).map((p) => ['guardian', p] as const),
  ];
  return new Map(rows.map(([kind, p]) => [`${kind}:${p.id}`, fullName(p)]));
}

/** Accounts (users) with their roles in this school; `users` is one page of `q.listAccountsOfSchool`. */
async function describe(db: Db, schoolId: string, users: q.UserRow[]): Promise<SchoolAccount[]> {
  const ids = users.map((u) => u.id);
  const roles = await sq.rolesInSchool(db, schoolId, ids);
  const names = await personNames(db, schoolId, roles);
  const lastSeen = new Map((await sq.lastSignIns(db, ids)).map((s) => [s.userId, s.at]));
  return users.map((u) => ({
    userId: u.id,
    login: u.login,
    displayName: u.displayName,
    locked: u.lockedAt !== null,
    activated: u.passwordHash !== null,
    lastSignInAt: lastSeen.get(u.id)?.toISOString() ?? null,
    roles: roles.filter((r) => r.userId === u.id).map((r) => ({
      role: r.role as Role,
      personId: r.personId,
      personName: r.personId ? names.get(`${PERSON_KIND[r.role as Role]}:${r.personId}`) ?? null : null,
    })),
  }));
}

/** The records of a class's people: its students (ever enrolled), their guardians and its class teacher. */
async function personIdsOfClass(db: Db, schoolId: string, classId: string) {
  const klass = await structure.getClass(db, schoolId, classId);
  const studentIds = [...new Set((await classStudentPairs(db, schoolId, [classId])).map((p) => p.studentId))];
  const guardianIds = (await guardianLinks(db, schoolId, { studentIds })).map((l) => l.guardianId);
  return [...new Set([...studentIds, ...guardianIds, ...(klass.classTeacherId ? [klass.classTeacherId] : [])])];
}

/** `limit + 1` accounts, described, for `toPage`. An unknown class is 404. */
export async function listAccounts(
  db: Db, schoolId: string, filter: { role?: string; q?: string; classId?: string }, cursor: string | undefined, limit: number,
) {
  const { classId, ...rest } = filter;
  const personIds = classId ? await personIdsOfClass(db, schoolId, classId) : undefined;
  if (personIds?.length === 0) return [];
  return describe(db, schoolId, await sq.listAccountsOfSchool(db, schoolId, { ...rest, personIds }, cursor, limit));
}

/** An account of this school: one holding a role in it; any other is unknown here (404). */
async function accountOfSchool(db: Db, schoolId: string, userId: string) {
  const user = await q.findUserById(db, userId);
  if (!user || !(await q.userHasRoleIn(db, userId, schoolId))) throw accountNotFound();
  return user;
}

async function personOfKind(db: Db, schoolId: string, kind: PersonKind, id: string): Promise<void> {
  const lookup: (db: Db, schoolId: string, id: string) => Promise<unknown> =
    { staff: people.getStaff, student: people.getStudent, guardian: people.getGuardian }[kind];
  await referenced(lookup(db, schoolId, id), 'personId');
}

/**
 * Gives an account of the school another role in it, acting as a record of the matching kind
 * (a staff member for the staff roles, a student, a guardian). One record, one account per role.
 */
export const grantRole = (db: Db, actor: Actor, schoolId: string, userId: string, input: RoleGrant, client: Client) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const user = await accountOfSchool(tx, schoolId, userId);
    await personOfKind(tx, schoolId, PERSON_KIND[input.role], input.personId);
    if (await q.findRole(tx, userId, schoolId, input.role)) {
      throw conflict('account.role_held', 'У учётной записи уже есть эта роль в школе', { role: 'Уже назначена' });
    }
    if (await sq.findRoleOfPerson(tx, schoolId, input.role, input.personId, userId)) {
      throw conflict('account.person_taken', 'От имени этого человека в этой роли уже входит другая учётная запись', { personId: 'Уже связан с другой учётной записью' });
    }
    await sq.insertRole(tx, { id: newId(), userId, schoolId, role: input.role, personId: input.personId });
    await recordSecurityEvent(tx, {
      kind: 'role.granted', userId, schoolId, login: user.login, ...client,
      details: { role: input.role, personId: input.personId, by: actor.userId },
    });
    return (await describe(tx, schoolId, [user]))[0]!;
  });

/** Takes a role away; the school always keeps at least one administrator. */
export const revokeRole = (db: Db, actor: Actor, schoolId: string, userId: string, role: Role, client: Client) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const user = await accountOfSchool(tx, schoolId, userId);
    const held = found(await q.findRole(tx, userId, schoolId, role), roleNotFound);
    if (role === 'admin' && (await sq.countRole(tx, schoolId, 'admin')) <= 1) {
      throw conflict('account.last_admin', 'Это единственный администратор школы: сначала назначьте другого');
    }
    await sq.deleteRole(tx, held.id);
    await recordSecurityEvent(tx, {
      kind: 'role.revoked', userId, schoolId, login: user.login, ...client,
      details: { role, personId: held.personId, by: actor.userId },
    });
  });

/** seed 003, 6.1: the administrator ends every session of a person of the school at once. */
export const endSessionsByAdmin = (db: Db, actor: Actor, schoolId: string, userId: string, client: Client, now: Date) =>
  db.transaction(async (tx) => {
    const user = await accountOfSchool(tx, schoolId, userId);
    const ended = await endSessionsOfUser(tx, userId, 'ended_by_admin', now);
    await recordSecurityEvent(tx, {
      kind: 'sessions.ended_by_admin', userId, schoolId, login: user.login, ...client, details: { ended, by: actor.userId },
    });
    return { ended };
  });
