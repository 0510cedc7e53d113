import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { classes } from '../../db/schema/structure.ts';

export type ClassRow = typeof classes.$inferSelect;

export const findClass = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))))[0];
