import { parseArgs } from 'node:util';
import { COMMANDS } from './commandList.ts';

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Klassny — электронный журнал и дневник',
    '',
    'Использование: klassny <команда> [параметры]',
    '',
    'Команды:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
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
  const command = Object.hasOwn(COMMANDS, name) ? await COMMANDS[name]!.load() : undefined;
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
    // Loaded only on a failure: the error types' modules (migrations, config) are slow to load for `--help`.
    const { describeError } = await import('./describeError.ts');
    console.error(`klassny ${command.name}: ${describeError(error)}`);
    return 1;
  }
}
