import { ConfigError, loadConfig } from '../server/config.ts';
import { databaseErrorLine } from '../server/db/connectionErrors.ts';
import { DataDirLockedError } from '../server/db/dataDirLock.ts';
import { MigrationsAheadError } from '../server/db/migrate.ts';
import { AppError } from '../server/errors.ts';
import { StartupError } from '../server/startup/startupChecks.ts';
import { CliError } from './command.ts';

/** A command's failure as the one line the CLI prints (a user's mistake as it is, anything else said to be unexpected). */
export function describeError(error: unknown): string {
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
