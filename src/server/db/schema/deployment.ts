import { boolean, check, foreignKey, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt } from './columns.ts';
import { schools } from './organisation.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row about this database as a whole (issue 15). `demo_allowed` is true only while the database
 * has never held anything: the first start without DEMO=false, a school or an account made any
 * other way (a trigger on `schools` and `users`, migration `deployment_first_run`) turns it off for good.
 */
export const deployment = pgTable(
  'deployment',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    demoAllowed: boolean('demo_allowed').notNull(),
    /** The region the demo generator made; null without a demo. */
    demoRegionId: uuid('demo_region_id'),
    demoCreatedAt: at('demo_created_at'),
    demoRemovedAt: at('demo_removed_at'),
    createdAt: createdAt(),
  },
  (t) => [check('deployment_singleton_check', sql`${t.singleton}`)],
);

/** The schools of the demo: `klassny demo remove` takes out these and nothing else. */
export const demoSchools = pgTable(
  'demo_schools',
  { schoolId: uuid('school_id').primaryKey() },
  (t) => [foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] })],
);

/** The one-time link of «Первый запуск», stored hashed; a new start replaces an unused one. */
export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: createdAt(),
  usedAt: at('used_at'),
});


