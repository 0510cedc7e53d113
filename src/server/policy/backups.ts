import { AccessDenied, type Actor, assertCan } from './policy.ts';

/**
 * Backups hold every school of the deployment: the platform operator manages them; a school's
 * administrator only in a deployment of his school alone (the usual school on its own server),
 * never the data of other schools. `schoolsInDeployment` is the fact, counted by the caller.
 */
export function assertMayManageBackups(actor: Actor | null, schoolId: string, schoolsInDeployment: number): void {
  if (actor?.platformAdmin) return;
  assertCan(actor, 'backup.manage', { schoolId });
  if (schoolsInDeployment > 1) {
    throw new AccessDenied('backup.other_schools', 403,
      'Резервная копия содержит данные всех школ сервера: копиями управляет администратор платформы', { action: 'backup.manage', schoolId });
  }
}
