import { ZWeekDays } from './calendar.ts';
import { ZId, ZName } from './common.ts';
import { SCHOOL_KINDS } from './enums.ts';
import { ZTimeZone } from './organisation.ts';
import { z } from './zod.ts';

/** «Первый запуск»: the one-time link printed by the first start of a database without a school. */
export const ZSetupToken = z.object({ token: z.string().min(1, 'Нет ключа ссылки').max(200) });
export const ZSetupTokenState = z.object({ valid: z.boolean() });

/** The organisation and its first administrator; the same shape for the browser and `klassny init`. */
export const ZFirstSchool = z.object({
  regionName: ZName(),
  municipalityName: ZName(),
  school: z.object({
    name: ZName(500),
    shortName: ZName(100),
    kind: z.enum(SCHOOL_KINDS),
    timeZone: ZTimeZone.default('Europe/Moscow'),
  }),
  weekDays: ZWeekDays.default(5),
  admin: z.object({
    login: z.string().trim().min(1, 'Введите логин').max(64, 'Не длиннее 64 символов'),
    password: z.string().min(1, 'Введите пароль').max(200, 'Не длиннее 200 символов'),
    displayName: ZName(),
  }),
});
export type FirstSchool = z.infer<typeof ZFirstSchool>;
export type FirstSchoolInput = z.input<typeof ZFirstSchool>;

export const ZFirstRun = ZFirstSchool.extend({ token: ZSetupToken.shape.token });

export const ZFirstSchoolResult = z.object({ schoolId: ZId, academicYearId: ZId, login: z.string() });
export type FirstSchoolResult = z.infer<typeof ZFirstSchoolResult>;

/** A platform operator appoints a school's first administrator. */
export const ZSchoolAdminCreate = ZFirstSchool.shape.admin;
export const ZSchoolAdmin = z.object({ id: ZId, login: z.string(), displayName: z.string() });
