import { ZFirstSchool, type FirstSchoolResult } from '../../../shared/contract/setup.ts';
import { z } from '../../../shared/contract/zod.ts';
import type { Database, Db } from '../../db/client.ts';
import { getSchool, listSchools } from '../organisation/service.ts';
import { badRequest } from '../../errors.ts';
import { createAdmin } from '../accounts/service.ts';
import { createFirstSchool } from './service.ts';

/** A control-channel body checked like a request's: the first problem as a 400 the CLI prints. */
function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badRequest('control.bad_request', `${issue.path.join('.') || 'запрос'}: ${issue.message}`);
}

/** `klassny init` through the running server (control/controlChannel.ts). */
export function initControlHandler(database: Database) {
  return async (body: unknown): Promise<FirstSchoolResult> => {
    const made = await createFirstSchool(database.db, parse(ZFirstSchool, body), new Date());
    return { schoolId: made.school.id, academicYearId: made.year.id, login: made.user.login };
  };
}

const ZNewAdminRequest = z.object({
  login: z.string(), password: z.string(), displayName: z.string().min(1),
  schoolId: z.uuid().optional(), platform: z.boolean().default(false),
});
export type NewAdminRequest = z.input<typeof ZNewAdminRequest>;

/**
 * `klassny create-admin`: a platform operator, or an administrator of the given school (of the only
 * school when none is given).
 */
export async function createAdminIn(db: Db, request: NewAdminRequest): Promise<{ login: string; platform: boolean }> {
  const { platform, schoolId, ...account } = request;
  if (platform) return { login: (await createAdmin(db, account)).login, platform: true };
  let school = schoolId && (await getSchool(db, schoolId)).id;
  if (!school) {
    const schools = await listSchools(db, {}, undefined, 2);
    if (schools.length === 0) throw badRequest('setup.no_school', 'в базе нет ни одной школы: создайте её — klassny init (или ссылка первого запуска), либо укажите --platform');
    if (schools.length > 1) throw badRequest('setup.which_school', 'в базе несколько школ: укажите --school ID');
    school = schools[0]!.id;
  }
  return { login: (await createAdmin(db, { ...account, schoolId: school })).login, platform: false };
}

/** `klassny create-admin` through the running server. */
export function createAdminControlHandler(database: Database) {
  return (body: unknown) => createAdminIn(database.db, parse(ZNewAdminRequest, body));
}
