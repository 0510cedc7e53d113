// The one list drizzle-kit and the query builder read; modules import the tables they own directly.
export * from './organisation.ts';
export * from './calendar.ts';
export * from './people.ts';
export * from './structure.ts';
export * from './accounts.ts';
export * from './activation.ts';
export * from './totp.ts';
export * from './municipal.ts';
export * from './audit.ts';
export * from './timetable.ts';
export * from './journal.ts';
export * from './homework.ts';
export * from './grading.ts';
export * from './jobs.ts';
export * from './control.ts';
export * from './deployment.ts';
export * from './backups.ts';
