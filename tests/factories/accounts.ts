import { userRoles, users } from '../../src/server/db/schema/accounts.ts';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { hashPassword } from '../../src/server/modules/accounts/passwords.ts';
import type { Role } from '../../src/shared/contract/enums.ts';

let counter = 0;

/** A user who can sign in, with roles in schools; the password is hashed for real. */
export async function createUser(
  db: Db,
  options: { roles?: { schoolId: string; role: Role; personId?: string | null }[]; password?: string; login?: string; platformAdmin?: boolean } = {},
) {
  const login = options.login ?? `user${++counter}.${newId().slice(-6)}`;
  const password = options.password ?? 'Kor0va-na-lugu';
  const [user] = await db.insert(users).values({
    id: newId(), login, passwordHash: await hashPassword(password), displayName: `Пользователь ${login}`,
    isPlatformAdmin: options.platformAdmin ?? false,
  }).returning();
  if (options.roles?.length) {
    await db.insert(userRoles).values(options.roles.map((r) => ({ id: newId(), userId: user!.id, schoolId: r.schoolId, role: r.role, personId: r.personId ?? null })));
  }
  return { user: user!, login, password };
}
