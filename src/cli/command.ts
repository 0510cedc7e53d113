import type { ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export type Command = {
  name: string;
  summary: string;
  /** Lines of `--help` after the usage line. */
  help: string;
  options: CommandOptions;
  /** Takes words after its name (a subcommand: `klassny audit verify`). */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
};

/** A failure the user can fix: printed as one line, exit code 1, no stack trace. */
export class CliError extends Error {}

export function intOption(value: string | boolean | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`--${name}: ожидалось целое число от ${min} до ${max}`);
  }
  return n;
}
