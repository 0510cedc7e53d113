import { boolean, check, foreignKey, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { SCHOOL_KINDS } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf, updatedAt } from './columns.ts';

export const regions = pgTable('regions', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid('id').primaryKey(),
    regionId: uuid('region_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.regionId, t.name),
    foreignKey({ columns: [t.regionId], foreignColumns: [regions.id] }),
  ],
);

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey(),
    municipalityId: uuid('municipality_id').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Moscow'),
    address: text('address').notNull().default(''),
    inn: text('inn'),
    /** School setting: administrators must sign in with a second factor (TOTP). */
    requireAdminTotp: boolean('require_admin_totp').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.municipalityId, t.name),
    foreignKey({ columns: [t.municipalityId], foreignColumns: [municipalities.id] }),
    check('schools_kind_check', oneOf('kind', SCHOOL_KINDS)),
  ],
);
