import { foreignKey, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { createdAt } from './columns.ts';
import { municipalities } from './organisation.ts';

/**
 * A municipal operator (issue 4): aggregate reports across the municipality's schools, no
 * personal data. Not a school role, so it lives apart from `user_roles`.
 */
export const municipalityRoles = pgTable(
  'municipality_roles',
  {
    userId: uuid('user_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.municipalityId] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.municipalityId], foreignColumns: [municipalities.id] }),
    index('municipality_roles_municipality_idx').on(t.municipalityId),
  ],
);
