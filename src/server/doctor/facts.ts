import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.ts';
import { demoLoginLines } from '../demo/accounts.ts';

/** What `klassny doctor` needs from the database, read in one place (also through the control channel). */
export type DoctorFacts = {
  migrations: { applied: number; expected: number };
  /** The database server's clock, ISO. */
  databaseNow: string;
  schoolTimeZones: { timeZone: string; schools: number }[];
  /** Demo accounts that still take the published password. */
  demoLogins: number;
};

export async function readDoctorFacts(database: Database): Promise<DoctorFacts> {
  const db = database.db;
  const migrations = { applied: await appliedMigrationCount(database), expected: expectedMigrationCount() };
  const [clock] = await queryRows<{ now: string }>(db, sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`);
  if (migrations.applied === 0) return { migrations, databaseNow: clock!.now, schoolTimeZones: [], demoLogins: 0 };
  const schoolTimeZones = await queryRows<{ timeZone: string; schools: number }>(db, sql`
    select time_zone as "timeZone", count(*)::int as schools from schools group by time_zone order by 2 desc, 1`);
  const demo = await demoLoginLines(db);
  // The lines are a heading, a header row and one row per usable login.
  return { migrations, databaseNow: clock!.now, schoolTimeZones, demoLogins: Math.max(0, demo.length - 2) };
}

/** The `doctor` command of the control channel (control/controlChannel.ts): no body. */
export const doctorControlHandler = (database: Database) => () => readDoctorFacts(database);
