import { ZId, ZTimestamp } from './common.ts';
import { ROLES } from './enums.ts';
import { ZMfaRequired } from './totp.ts';
import { z } from './zod.ts';

export const ZLogin = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100, 'Не длиннее 100 символов'),
  password: z.string().min(1, 'Введите пароль').max(200, 'Не длиннее 200 символов'),
});

export const ZPasswordChange = z.object({
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
  newPassword: z.string().min(8, 'Не короче 8 символов').max(200, 'Не длиннее 200 символов'),
});

export const ZMeRole = z.object({ schoolId: ZId, schoolName: z.string(), role: z.enum(ROLES), personId: ZId.nullable() });

export const ZMe = z.object({
  user: z.object({ id: ZId, login: z.string(), displayName: z.string(), platformAdmin: z.boolean() }),
  roles: z.array(ZMeRole),
  /** Per school, the actions the web may offer; the server still checks every request. */
  permissions: z.record(z.string(), z.array(z.string())),
  /** Per school, the classes of a current year the person keeps (class teacher, curator, master): the class reports he may open. */
  keptClassIds: z.record(z.string(), z.array(ZId)),
  /** The person signs in with a second factor (TOTP). */
  totpEnabled: z.boolean(),
  /** A school requires TOTP of its administrators and this one has none: only enrolment is open. */
  totpSetupRequired: z.boolean(),
});
export type Me = z.infer<typeof ZMe>;

/** `POST /auth/login`: signed in (the person), or the password was right and a TOTP code is due. */
export const ZLoginResult = z.union([ZMe, ZMfaRequired]);

export const ZSession = z.object({
  id: ZId,
  current: z.boolean(),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  expiresAt: ZTimestamp,
  address: z.string(),
  device: z.string(),
});
export const ZSessionList = z.object({ items: z.array(ZSession) });

export const ZSecurityEvent = z.object({
  id: ZId,
  kind: z.string(),
  userId: ZId.nullable(),
  login: z.string().nullable(),
  address: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: ZTimestamp,
});
