import { ZId, ZPageQuery, ZTimestamp } from './common.ts';
import { ROLES } from './enums.ts';
import { z } from './zod.ts';

const ZRole = z.enum(ROLES, { error: (issue) => (issue.input === undefined ? 'Обязательное поле' : `Одна из ролей: ${ROLES.join(', ')}`) });

/** A role an account holds in the school, and the staff, student or guardian record it acts as. */
export const ZAccountRole = z.object({
  role: z.enum(ROLES),
  personId: ZId.nullable(),
  /** «Фамилия Имя Отчество» of that record; null when the role acts as nobody or the record is gone. */
  personName: z.string().nullable(),
});

/** An account holding at least one role in the school, as its administrator sees it. */
export const ZSchoolAccount = z.object({
  userId: ZId,
  login: z.string(),
  displayName: z.string(),
  /** Locked accounts cannot sign in until re-activated. */
  locked: z.boolean(),
  /** False for an account that has no password yet: it cannot sign in until activated. */
  activated: z.boolean(),
  /** When the account last opened a session; null if never. */
  lastSignInAt: ZTimestamp.nullable(),
  roles: z.array(ZAccountRole),
});
export type SchoolAccount = z.infer<typeof ZSchoolAccount>;

export const ZSchoolAccountQuery = ZPageQuery.extend({
  role: z.enum(ROLES).optional(),
  /** Part of the login or of the name, any case. */
  q: z.string().trim().min(1, 'Не может быть пустым').max(100, 'Не длиннее 100 символов').optional(),
  /** The accounts of a class: its students (ever enrolled), their guardians and its class teacher. */
  classId: ZId.optional(),
});

export const ZAccountParams = z.object({ schoolId: ZId, userId: ZId });
export const ZAccountRoleParams = z.object({ schoolId: ZId, userId: ZId, role: ZRole });

/** Staff roles act as a staff record, `student` as a student, `guardian` as a guardian. */
export const ZRoleGrant = z.object({ role: ZRole, personId: ZId });
export type RoleGrant = z.infer<typeof ZRoleGrant>;

export const ZSessionsEnded = z.object({ ended: z.number().int().nonnegative() });

export const ZSecurityEventQuery = ZPageQuery.extend({
  kind: z.string().trim().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'Вид события, например access.denied').max(50).optional(),
  /** The login the event names, any case. */
  login: z.string().trim().min(1, 'Не может быть пустым').max(100, 'Не длиннее 100 символов').optional(),
  /** Events at or after this moment. */
  from: ZTimestamp.optional(),
  /** Events before this moment. */
  to: ZTimestamp.optional(),
});

/** One entry of the school's security-event log. */
export const ZSchoolSecurityEvent = z.object({
  id: ZId,
  kind: z.string(),
  userId: ZId.nullable(),
  schoolId: ZId.nullable(),
  login: z.string().nullable(),
  address: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: ZTimestamp,
});
