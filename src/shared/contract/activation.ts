import { ZId } from './common.ts';
import { z } from './zod.ts';

export const ACTIVATION_PERSON_KINDS = ['staff', 'student', 'guardian'] as const;
export type ActivationPersonKind = (typeof ACTIVATION_PERSON_KINDS)[number];
export const CLASS_SLIP_INCLUDES = ['students', 'guardians'] as const;

/** At most this many slips in one PDF (a few classes with their parents). */
export const MAX_SLIPS = 500;

/**
 * Credential slips for a list of people, or for a class: its students, their guardians or both.
 * Exactly one of `people` and `classId`.
 */
export const ZActivationIssue = z.object({
  people: z.array(z.object({ kind: z.enum(ACTIVATION_PERSON_KINDS), id: ZId }))
    .min(1, 'Выберите хотя бы одного человека').max(MAX_SLIPS, `Не больше ${MAX_SLIPS} человек за раз`).optional(),
  classId: ZId.optional(),
  include: z.array(z.enum(CLASS_SLIP_INCLUDES)).min(1, 'Выберите обучающихся, родителей или тех и других').optional(),
}).superRefine((value, ctx) => {
  if (value.people && value.classId) {
    ctx.addIssue({ code: 'custom', path: ['classId'], message: 'Укажите либо список людей, либо класс' });
  } else if (!value.people && !value.classId) {
    ctx.addIssue({ code: 'custom', path: ['people'], message: 'Укажите список людей или класс' });
  } else if (value.people && value.include) {
    ctx.addIssue({ code: 'custom', path: ['include'], message: 'Только вместе с классом' });
  }
});
export type ActivationIssue = z.infer<typeof ZActivationIssue>;

/** The format printed on slips: 10 characters of an alphabet without 0/O/1/I/L, as XXXXX-XXXXX. */
export const ZActivationCode = z.string().trim().min(1, 'Введите код активации').max(40, 'Не длиннее 40 символов');

export const LOGIN_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;
export const ZNewLogin = z.string().trim()
  .regex(LOGIN_PATTERN, 'От 3 до 64 латинских букв, цифр, точек, дефисов и подчёркиваний');

export const ZActivate = z.object({
  code: ZActivationCode,
  login: ZNewLogin,
  password: z.string().min(8, 'Не короче 8 символов').max(200, 'Не длиннее 200 символов'),
});
export type Activate = z.infer<typeof ZActivate>;

export const ZPasswordResetRequest = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100, 'Не длиннее 100 символов'),
});

export const ZPasswordResetConfirm = z.object({
  token: z.string().trim().min(1, 'Нет кода из письма').max(200, 'Неверная ссылка'),
  password: z.string().min(8, 'Не короче 8 символов').max(200, 'Не длиннее 200 символов'),
});

export const ZAccepted = z.object({ message: z.string() });

export const ZEmailChange = z.object({
  /** null removes the address (and with it, reset links by e-mail). */
  email: z.email('Неверный адрес электронной почты').max(200, 'Не длиннее 200 символов').nullable(),
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200, 'Не длиннее 200 символов'),
});

export const ZEmailState = z.object({ email: z.string().nullable(), confirmed: z.boolean() });

export const ZEmailConfirm = z.object({ token: z.string().trim().min(1, 'Нет кода из письма').max(200, 'Неверная ссылка') });
