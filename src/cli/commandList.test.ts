import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from './commandList.ts';
import { main } from './main.ts';

describe('the command list', () => {
  it('names each command and repeats its own summary', async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({ name, summary: entry.summary });
    }
  }, 60_000);

  it('klassny --help lists every command with its summary', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    for (const [name, entry] of Object.entries(COMMANDS)) expect(out.join('\n')).toContain(`  ${name.padEnd(12)}  ${entry.summary}`);
  });
});
