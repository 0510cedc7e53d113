import { birthDateProblem, isPersonName, normalisePhone, normaliseSnils, todayUtc } from '../domain/person.ts';
import { ZDate, ZGrade, ZId, ZPageQuery } from './common.ts';
import { GENDERS, GUARDIAN_RELATIONS, STAFF_POSITIONS } from './enums.ts';
import { z } from './zod.ts';

// Update schemas are built from fields without defaults: a default inside `.partial()` would
// quietly reset an omitted field on PATCH.

const NAME_MAX = 100;
const NAME_MESSAGE = 'Только буквы, пробел, дефис и апостроф';

export const ZPersonName = z.string().trim()
  .min(1, 'Не может быть пустым')
  .max(NAME_MAX, `Не длиннее ${NAME_MAX} символов`)
  .refine(isPersonName, NAME_MESSAGE);
/** A patronymic, or '' when the person has none. */
export const ZMiddleName = z.string().trim()
  .max(NAME_MAX, `Не длиннее ${NAME_MAX} символов`)
  .refine((v) => v === '' || isPersonName(v), NAME_MESSAGE);

/** Optional contacts: '' and null both mean "none"; a phone is stored as +7XXXXXXXXXX. */
export const ZPhone = z.string().max(40, 'Не длиннее 40 символов').transform((value, ctx) => {
  if (value.trim() === '') return null;
  const phone = normalisePhone(value);
  if (phone === null) {
    ctx.addIssue({ code: 'custom', message: 'Телефон в формате +7XXXXXXXXXX или 8XXXXXXXXXX' });
    return z.NEVER;
  }
  return phone;
}).nullable();
export const ZEmail = z.string().trim().max(254, 'Не длиннее 254 символов')
  .transform((v) => (v === '' ? null : v))
  .pipe(z.email('Неверный адрес электронной почты').nullable())
  .nullable();
export const ZAddress = z.string().trim().max(500, 'Не длиннее 500 символов')
  .transform((v) => (v === '' ? null : v))
  .nullable();
export const ZSnils = z.string().max(20, 'Не длиннее 20 символов').transform((value, ctx) => {
  if (value.trim() === '') return null;
  const snils = normaliseSnils(value);
  if (snils === null) {
    ctx.addIssue({ code: 'custom', message: 'СНИЛС в формате ХХХ-ХХХ-ХХХ ХХ с верной контрольной суммой' });
    return z.NEVER;
  }
  return snils;
}).nullable();

const BIRTH_DATE_MESSAGES = {
  future: 'Дата рождения не может быть в будущем',
  too_young: 'Обучающемуся должно быть не меньше 3 лет',
  too_old: 'Обучающемуся должно быть не больше 80 лет',
} as const;
// A missing value says so plainly rather than repeating the format or the list of values.
const required = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'Обязательное поле' : message) });
const ZGender = z.enum(GENDERS, required('Мужской (male) или женский (female)'));
const ZPosition = z.enum(STAFF_POSITIONS, required(`Одна из должностей: ${STAFF_POSITIONS.join(', ')}`));
export const ZRelation = z.enum(GUARDIAN_RELATIONS, required(`Одно из: ${GUARDIAN_RELATIONS.join(', ')}`));

export const ZBirthDate = z.iso.date(required('Дата в формате ГГГГ-ММ-ДД')).superRefine((value, ctx) => {
  const problem = birthDateProblem(value, todayUtc());
  if (problem) ctx.addIssue({ code: 'custom', message: BIRTH_DATE_MESSAGES[problem] });
});

/** `?active=true` in a query string. */
const ZQueryBool = z.enum(['true', 'false'], { error: 'true или false' }).transform((v) => v === 'true');
const ZSearch = z.string().trim().max(NAME_MAX * 2, 'Слишком длинный запрос');

const nameFields = {
  lastName: ZPersonName,
  firstName: ZPersonName,
  middleName: ZMiddleName,
  gender: ZGender,
};
const ZNameOut = {
  id: ZId,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  gender: z.enum(GENDERS),
  fullName: z.string(),
  shortName: z.string(),
};

// --- staff ---------------------------------------------------------------------------------
export const ZStaff = z.object({
  ...ZNameOut,
  position: z.enum(STAFF_POSITIONS),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hiredOn: ZDate.nullable(),
  dismissedOn: ZDate.nullable(),
});
const staffFields = {
  ...nameFields,
  position: ZPosition,
  email: ZEmail,
  phone: ZPhone,
  hiredOn: ZDate.nullable(),
  dismissedOn: ZDate.nullable(),
};
const datesInOrder = (v: { hiredOn?: string | null; dismissedOn?: string | null }, ctx: z.RefinementCtx) => {
  if (v.hiredOn && v.dismissedOn && v.dismissedOn < v.hiredOn) {
    ctx.addIssue({ code: 'custom', path: ['dismissedOn'], message: 'Не раньше даты приёма на работу' });
  }
};
export const ZStaffCreate = z.object({
  ...staffFields,
  middleName: staffFields.middleName.default(''),
  email: staffFields.email.default(null),
  phone: staffFields.phone.default(null),
  hiredOn: staffFields.hiredOn.default(null),
  dismissedOn: staffFields.dismissedOn.default(null),
}).superRefine(datesInOrder);
export const ZStaffUpdate = z.object(staffFields).partial().superRefine(datesInOrder);
export const ZStaffQuery = ZPageQuery.extend({
  position: z.enum(STAFF_POSITIONS).optional(),
  search: ZSearch.optional(),
  /** true: still working (not dismissed as of today); false: dismissed. */
  active: ZQueryBool.optional(),
});
export type Staff = z.infer<typeof ZStaff>;
export type StaffCreate = z.infer<typeof ZStaffCreate>;
export type StaffUpdate = z.infer<typeof ZStaffUpdate>;
export type StaffQuery = z.infer<typeof ZStaffQuery>;

// --- students ------------------------------------------------------------------------------
export const ZStudent = z.object({
  ...ZNameOut,
  birthDate: ZDate,
  snils: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
const studentFields = {
  ...nameFields,
  birthDate: ZBirthDate,
  snils: ZSnils,
  address: ZAddress,
  phone: ZPhone,
  email: ZEmail,
};
export const ZStudentCreate = z.object({
  ...studentFields,
  middleName: studentFields.middleName.default(''),
  snils: studentFields.snils.default(null),
  address: studentFields.address.default(null),
  phone: studentFields.phone.default(null),
  email: studentFields.email.default(null),
});
export const ZStudentUpdate = z.object(studentFields).partial();
export const ZStudentQuery = ZPageQuery.extend({
  search: ZSearch.optional(),
  /** Students in this class on `on`. */
  classId: ZId.optional(),
  /** Students in the classes of this grade of `academicYearId` on `on`. */
  grade: ZGrade.optional(),
  academicYearId: ZId.optional(),
  /** Date of the class roster; today (UTC) by default. */
  on: ZDate.optional(),
}).superRefine((v, ctx) => {
  if (v.classId && v.grade !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['grade'], message: 'Укажите либо класс, либо параллель' });
  }
  if (v.grade !== undefined && !v.academicYearId) {
    ctx.addIssue({ code: 'custom', path: ['academicYearId'], message: 'Для параллели укажите учебный год' });
  }
  if (v.academicYearId && v.grade === undefined) {
    ctx.addIssue({ code: 'custom', path: ['grade'], message: 'Укажите параллель' });
  }
  if (v.on && !v.classId && v.grade === undefined) {
    ctx.addIssue({ code: 'custom', path: ['on'], message: 'Дата нужна только вместе с классом или параллелью' });
  }
});
export type Student = z.infer<typeof ZStudent>;
export type StudentCreate = z.infer<typeof ZStudentCreate>;
export type StudentUpdate = z.infer<typeof ZStudentUpdate>;
export type StudentQuery = z.infer<typeof ZStudentQuery>;

// --- guardians -----------------------------------------------------------------------------
export const ZGuardian = z.object({
  ...ZNameOut,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
const guardianFields = { ...nameFields, phone: ZPhone, email: ZEmail, address: ZAddress };
export const ZGuardianCreate = z.object({
  ...guardianFields,
  middleName: guardianFields.middleName.default(''),
  phone: guardianFields.phone.default(null),
  email: guardianFields.email.default(null),
  address: guardianFields.address.default(null),
});
export const ZGuardianUpdate = z.object(guardianFields).partial();
export const ZGuardianQuery = ZPageQuery.extend({
  search: ZSearch.optional(),
  /** Guardians linked to this student. */
  studentId: ZId.optional(),
});
export type Guardian = z.infer<typeof ZGuardian>;
export type GuardianCreate = z.infer<typeof ZGuardianCreate>;
export type GuardianUpdate = z.infer<typeof ZGuardianUpdate>;
export type GuardianQuery = z.infer<typeof ZGuardianQuery>;

// --- student ↔ guardian links ------------------------------------------------------------
export const ZGuardianLink = z.object({ relation: ZRelation });
export const ZLinkedGuardian = ZGuardian.extend({ relation: ZRelation });
export const ZLinkedStudent = ZStudent.extend({ relation: ZRelation });
export const ZLinkedGuardians = z.object({ items: z.array(ZLinkedGuardian) });
export const ZLinkedStudents = z.object({ items: z.array(ZLinkedStudent) });
export const ZStudentGuardianParams = z.object({ schoolId: ZId, studentId: ZId, guardianId: ZId });
export const ZStudentParams = z.object({ schoolId: ZId, studentId: ZId });
export const ZGuardianParams = z.object({ schoolId: ZId, guardianId: ZId });
export type LinkedGuardian = z.infer<typeof ZLinkedGuardian>;
export type LinkedStudent = z.infer<typeof ZLinkedStudent>;
