import type { ActivationIssue, ActivationPersonKind } from '../../../../shared/contract/activation.ts';
import type { Role, SchoolKind, StaffPosition } from '../../../../shared/contract/enums.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, badRequest } from '../../../errors.ts';
import { assertSlipClass, assertSlipPeople, type SlipScope } from '../../../policy/accounts.ts';
import { guardianNotFound, studentNotFound } from '../../../policy/notFound.ts';
import { studentIdsEnrolledOn } from '../../../roster/classStays.ts';
import { guardianLinks } from '../../../roster/family.ts';
import * as people from '../../people/service.ts';
import * as structure from '../../structure/service.ts';

/** One person a code is issued for, with what the slip says about them. */
export type SlipTarget = {
  kind: ActivationPersonKind;
  personId: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  /** Guardians: the children in scope, «Фамилия Имя Отчество». */
  children: string[];
};

type Person = { id: string; lastName: string; firstName: string; middleName: string };
const fullName = (p: Person) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

const STAFF_ROLES: Record<StaffPosition, Role | null> = {
  teacher: 'teacher', master: 'teacher', director: 'director', deputy: 'deputy', admin: 'admin', other: null,
};

function staffLabel(position: StaffPosition, schoolKind: SchoolKind): string {
  switch (position) {
    case 'teacher': return schoolKind === 'college' ? 'Преподаватель' : 'Учитель';
    case 'master': return 'Мастер производственного обучения';
    case 'director': return 'Директор';
    case 'deputy': return 'Заместитель директора';
    case 'admin': return 'Администратор электронного журнала';
    case 'other': return 'Сотрудник';
  }
}

function guardianLabel(children: string[]): string {
  if (children.length === 0) return 'Родитель (законный представитель)';
  return `Родитель (законный представитель) ${children.length === 1 ? 'обучающегося' : 'обучающихся'}:`;
}

const KIND_ORDER: Record<ActivationPersonKind, number> = { staff: 0, student: 1, guardian: 2 };
const bySlipOrder = (a: SlipTarget, b: SlipTarget) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.children[0] ?? '').localeCompare(b.children[0] ?? '', 'ru') || a.fullName.localeCompare(b.fullName, 'ru');

type Context = { db: Db; schoolId: string; schoolKind: SchoolKind; today: string; scope: SlipScope };

/** The people a request names or the class it points at, each checked to be of this school and in the actor's scope. */
export async function resolveTargets(ctx: Context, input: ActivationIssue): Promise<SlipTarget[]> {
  const { staffIds, studentIds, guardianIds } = input.classId !== undefined
    ? await classMembers(ctx, input.classId, input.include ?? ['students', 'guardians'])
    : await listedPeople(ctx, input.people ?? []);
  const targets = [
    ...await staffTargets(ctx, staffIds),
    ...(await found(people.studentsByIds(ctx.db, ctx.schoolId, studentIds), studentIds, studentNotFound)).map((s): SlipTarget => ({
      kind: 'student', personId: s.id, fullName: fullName(s), role: 'student', roleLabel: 'Обучающийся', children: [],
    })),
    ...await guardianTargets(ctx, guardianIds),
  ];
  if (targets.length === 0) throw badRequest('activation.nobody', 'Некому выдавать коды: в классе нет обучающихся на сегодня', { classId: 'Нет обучающихся' });
  return targets.sort(bySlipOrder);
}

async function classMembers(ctx: Context, classId: string, include: ('students' | 'guardians')[]) {
  await structure.getClass(ctx.db, ctx.schoolId, classId);
  assertSlipClass(ctx.scope, ctx.schoolId, classId);
  const studentIds = await studentIdsEnrolledOn(ctx.db, ctx.schoolId, [classId], ctx.today);
  const links = include.includes('guardians') ? await guardianLinks(ctx.db, ctx.schoolId, { studentIds }) : [];
  return {
    staffIds: [],
    studentIds: include.includes('students') ? studentIds : [],
    guardianIds: [...new Set(links.map((l) => l.guardianId))],
  };
}

async function listedPeople(ctx: Context, list: { kind: ActivationPersonKind; id: string }[]) {
  const ids = (kind: ActivationPersonKind) => [...new Set(list.filter((p) => p.kind === kind).map((p) => p.id))];
  const picked = { staffIds: ids('staff'), studentIds: ids('student'), guardianIds: ids('guardian') };
  await assertSlipPeople(ctx.db, ctx.scope, ctx.schoolId, picked);
  return picked;
}

/** The rows for `ids`; any id missing (unknown or of another school) is a 404. */
async function found<T extends { id: string }>(rows: Promise<T[]>, ids: string[], missing: () => AppError): Promise<T[]> {
  const list = await rows;
  if (list.length !== ids.length) throw missing();
  return list;
}

async function staffTargets(ctx: Context, ids: string[]): Promise<SlipTarget[]> {
  const rows = await found(people.staffByIds(ctx.db, ctx.schoolId, ids), ids, people.staffNotFound);
  return rows.map((s) => {
    const position = s.position as StaffPosition;
    const role = STAFF_ROLES[position];
    if (!role) {
      throw badRequest('activation.no_role', `У сотрудника ${fullName(s)} должность без роли в журнале`, { people: 'Должность «другое» не даёт доступа к журналу' });
    }
    if (s.dismissedOn !== null && s.dismissedOn <= ctx.today) {
      throw badRequest('activation.dismissed', `Сотрудник ${fullName(s)} уволен`, { people: 'Сотрудник уволен' });
    }
    return { kind: 'staff', personId: s.id, fullName: fullName(s), role, roleLabel: staffLabel(position, ctx.schoolKind), children: [] };
  });
}

async function guardianTargets(ctx: Context, ids: string[]): Promise<SlipTarget[]> {
  const rows = await found(people.guardiansByIds(ctx.db, ctx.schoolId, ids), ids, guardianNotFound);
  if (rows.length === 0) return [];
  const { scope } = ctx;
  const links = (await guardianLinks(ctx.db, ctx.schoolId, { guardianIds: ids }))
    .filter((l) => scope.kind === 'school' || scope.studentIds.has(l.studentId));
  const children = new Map((await people.studentsByIds(ctx.db, ctx.schoolId, [...new Set(links.map((l) => l.studentId))]))
    .map((s) => [s.id, fullName(s)]));
  return rows.map((g) => {
    const names = links.filter((l) => l.guardianId === g.id).map((l) => children.get(l.studentId)!).sort((a, b) => a.localeCompare(b, 'ru'));
    return { kind: 'guardian', personId: g.id, fullName: fullName(g), role: 'guardian', roleLabel: guardianLabel(names), children: names };
  });
}
