import type { Role } from '../../../shared/contract/enums.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict } from '../../errors.ts';
import { assertAcceptablePassword } from './sessions/authService.ts';
import { hashPassword } from './passwords.ts';
import * as q from './queries.ts';

export type NewAdmin = {
  login: string;
  password: string;
  displayName: string;
  /** A school administrator of this school, or a platform operator when absent. */
  schoolId?: string;
};

/** `klassny create-admin`: the first administrator of a school, or a platform operator. */
export async function createAdmin(db: Db, input: NewAdmin) {
  const login = input.login.trim();
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(login)) {
    throw badRequest('account.bad_login', 'Логин: от 3 до 64 латинских букв, цифр, точек, дефисов и подчёркиваний', { login: 'Неверный логин' });
  }
  assertAcceptablePassword(input.password, login, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await q.findUserByLogin(tx, login)) throw conflict('account.login_taken', `Логин «${login}» уже занят`, { login: 'Уже занят' });
    const user = await q.insertUser(tx, {
      id: newId(), login, passwordHash, displayName: input.displayName, isPlatformAdmin: !input.schoolId,
    });
    if (input.schoolId) {
      await q.insertRoles(tx, [{ id: newId(), userId: user.id, schoolId: input.schoolId, role: 'admin' satisfies Role }]);
    }
    return user;
  });
}
