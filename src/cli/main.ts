import { parseArgs } from 'node:util';
import { ConfigError } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/dataDirLock.ts';
import { AppError } from '../server/errors.ts';
import { CliError, type Command } from './command.ts';
import { createAdminCommand } from './commands/createAdmin.ts';
import { archiveCommand } from './commands/archive.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { demoCommand } from './commands/demo.ts';
import { initCommand } from './commands/init.ts';
import { jobsCommand } from './commands/jobs.ts';
import { migrateCommand } from './commands/migrate.ts';
import { restoreCommand } from './commands/restore.ts';
import { startCommand } from './commands/start.ts';

const commands: Command[] = [startCommand, initCommand, migrateCommand, createAdminCommand, demoCommand, auditCommand, jobsCommand,
  backupCommand, restoreCommand, archiveCommand];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Klassny — электронный журнал и дневник',
    '',
    'Использование: klassny <команда> [параметры]',
    '',
    'Команды:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'klassny <команда> --help — параметры команды.',
  ].join('\n');
}

/** Runs one command; returns the process exit code. Expected failures print one line. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
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
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError) {
    return error.message;
  }
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return (error as Error).message.split('\n')[0]!;
  }
  if (code === 'ECONNREFUSED') return 'не удаётся подключиться к PostgreSQL (DATABASE_URL)';
  return `непредвиденная ошибка: ${(error as Error).message ?? String(error)}`;
}
