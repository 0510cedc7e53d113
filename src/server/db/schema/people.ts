import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { GENDERS, GUARDIAN_RELATIONS, STAFF_POSITIONS } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';

const personName = () => ({
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name').notNull().default(''),
  gender: text('gender').notNull(),
});

export const staff = pgTable(
  'staff',
  {
    ...tenantKey(),
    ...personName(),
    position: text('position').notNull(),
    email: text('email'),
    phone: text('phone'),
    hiredOn: date('hired_on'),
    dismissedOn: date('dismissed_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    index('staff_name_idx').on(t.schoolId, t.lastName, t.firstName, t.middleName, t.id),
    check('staff_gender_check', oneOf('gender', GENDERS)),
    check('staff_position_check', oneOf('position', STAFF_POSITIONS)),
    check('staff_dates_check', sql`dismissed_on is null or hired_on is null or dismissed_on >= hired_on`),
  ],
);

export const students = pgTable(
  'students',
  {
    ...tenantKey(),
    ...personName(),
    birthDate: date('birth_date').notNull(),
    snils: text('snils'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    index('students_name_idx').on(t.schoolId, t.lastName, t.firstName, t.middleName, t.id),
    check('students_gender_check', oneOf('gender', GENDERS)),
  ],
);

export const guardians = pgTable(
  'guardians',
  {
    ...tenantKey(),
    ...personName(),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    index('guardians_name_idx').on(t.schoolId, t.lastName, t.firstName, t.middleName, t.id),
    check('guardians_gender_check', oneOf('gender', GENDERS)),
  ],
);

export const studentGuardians = pgTable(
  'student_guardians',
  {
    schoolId: uuid('school_id').notNull(),
    studentId: uuid('student_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    relation: text('relation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.guardianId] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    foreignKey({ columns: [t.schoolId, t.guardianId], foreignColumns: [guardians.schoolId, guardians.id] }),
    index('student_guardians_guardian_idx').on(t.schoolId, t.guardianId),
    check('student_guardians_relation_check', oneOf('relation', GUARDIAN_RELATIONS)),
  ],
);
