import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { databaseErrorLine } from '../server/db/connectionErrors.ts';
import { DataDirLockedError } from '../server/db/dataDirLock.ts';
import { MigrationsAheadError } from '../server/db/migrate.ts';
import { AppError } from '../server/errors.ts';
import { StartupError } from '../server/startup/startupChecks.ts';
import { CliError, type Command } from './command.ts';
/**
 * Each command's module is loaded only when it runs: `klassny backup` need not load the web app
 * (about 90 MB of the process's memory), which only `start` uses.
 */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).startCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  'create-admin': async () => (await import('./commands/createAdmin.ts')).createAdminCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  jobs: async () => (await import('./commands/jobs.ts')).jobsCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommand,
  restore: async () => (await import('./commands/restore.ts')).restoreCommand,
  archive: async () => (await import('./commands/archive.ts')).archiveCommand,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
};

async function usage(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    'Klassny — электронный журнал и дневник',
    '',
    'Использование: klassny <команда> [параметры]',
    '',
    'Команды:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'klassny <команда> --help — параметры команды.',
  ].join('\n');
}

/** Runs one command; returns the process exit code. Expected failures print one line. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 1;
  }
  const command = Object.hasOwn(commands, name) ? await commands[name]!() : undefined;
  if (!command) {
    console.error(`klassny: неизвестная команда «${name}». Список команд: klassny --help`);
    return 1;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    if (values.help) {
      console.log(`Использование: klassny ${command.name} [параметры]\n${command.summary}\n\n${command.help}`);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    console.error(`klassny ${command.name}: ${describe(error)}`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError
    || error instanceof StartupError || error instanceof MigrationsAheadError) {
    return error.message;
  }
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return (error as Error).message.split('\n')[0]!;
  }
  const databaseLine = databaseErrorLine(error, configuredDatabaseUrl());
  if (databaseLine) return databaseLine;
  return `непредвиденная ошибка: ${(error as Error).message ?? String(error)}`;
}

function configuredDatabaseUrl(): string | undefined {
  try {
    return loadConfig().databaseUrl;
  } catch {
    return undefined;
  }
}
