import type { Me } from '../../../../shared/contract/auth.ts';
import type { Role } from '../../../../shared/contract/enums.ts';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../errors.ts';
import { SCHOOL_ACTIONS, type SchoolAction } from '../../../policy/actions.ts';
import { type Actor, can } from '../../../policy/policy.ts';
import { schoolCount } from '../../organisation/service.ts';
import { keptClassesOf } from '../../../roster/teaching.ts';
import { schoolNames } from '../../organisation/service.ts';
import * as q from '../queries.ts';
import { rolesOfUser } from '../sessionQueries.ts';
import { totpFlags } from '../totp/totpService.ts';

/** `GET /me`: the person, their roles per school and what each school lets them do. */
export async function describeMe(db: Db, userId: string): Promise<Me> {
  const user = await q.findUserById(db, userId);
  if (!user) throw notFound('user', 'Пользователь не найден');
  const roles = await rolesOfUser(db, userId);
  const names = await schoolNames(db, [...new Set(roles.map((r) => r.schoolId))]);
  const actor: Actor = {
    userId,
    platformAdmin: user.isPlatformAdmin,
    roles: roles.map((r) => ({ schoolId: r.schoolId, role: r.role as Role, personId: r.personId })),
  };
  // Backups hold every school: the role alone does not decide (policy/backups.ts), the number of schools does.
  const backupsAllowed = user.isPlatformAdmin || (await schoolCount(db)) <= 1;
  const actions = (Object.keys(SCHOOL_ACTIONS) as SchoolAction[]).filter((action) => action !== 'backup.manage' || backupsAllowed);
  const permissions: Record<string, string[]> = Object.fromEntries(
    [...names.keys()].map((schoolId) => [schoolId, actions.filter((action) => can(actor, action, { schoolId }) || mayManageBackups(actor, action, schoolId))]),
  );
  const keptClassIds: Record<string, string[]> = {};
  const staffIds = actor.roles.filter((r) => r.role === 'teacher' && r.personId !== null).map((r) => r.personId!);
  for (const kept of await keptClassesOf(db, staffIds)) (keptClassIds[kept.schoolId] ??= []).push(kept.classId);
  if (user.isPlatformAdmin) permissions.platform = ['organisation.read', 'organisation.write'];
  return {
    user: { id: user.id, login: user.login, displayName: user.displayName, platformAdmin: user.isPlatformAdmin },
    roles: actor.roles.map((r) => ({ ...r, schoolName: names.get(r.schoolId) ?? '' })),
    permissions,
    keptClassIds,
    ...(await totpFlags(db, actor)),
  };
}

/** The platform operator manages backups from any school he holds a role in. */
const mayManageBackups = (actor: Actor, action: SchoolAction, schoolId: string) =>
  action === 'backup.manage' && actor.platformAdmin && actor.roles.some((r) => r.schoolId === schoolId);
