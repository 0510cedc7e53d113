import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { CONTROL_SOCKET, CONTROL_TOKEN, type ControlChannel, startControlChannel } from './controlChannel.ts';
import { callControl } from './controlClient.ts';

describe('the local control channel', () => {
  let dir: string;
  let channel: ControlChannel | undefined;
  const failures: unknown[] = [];
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'klassny-control-')); });
  afterEach(async () => {
    await channel?.close();
    channel = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    channel = await startControlChannel(dir, {
      echo: async (body) => ({ echoed: body }),
      refuse: async () => { throw new AppError('thing.refused', 409, 'Нельзя.'); },
      crash: async () => { throw new Error('boom'); },
    }, (error) => void failures.push(error));
  };

  it('answers a command with its result, over a socket and a token only the owner may read', async () => {
    await start();
    expect(statSync(path.join(dir, CONTROL_SOCKET)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, CONTROL_TOKEN)).mode & 0o777).toBe(0o600);
    expect(await callControl(dir, 'echo', { dir: '/x' })).toEqual({ echoed: { dir: '/x' } });
  });

  it('hands back a handler\'s refusal as the same error, and an unknown command or a wrong token as errors', async () => {
    await start();
    await expect(callControl(dir, 'refuse', {})).rejects.toMatchObject({ code: 'thing.refused', status: 409, message: 'Нельзя.' });
    await expect(callControl(dir, 'format-disk', {})).rejects.toMatchObject({ code: 'control.unknown_command' });
    await expect(callControl(dir, 'crash', {})).rejects.toMatchObject({ code: 'control.failed', status: 500 });
    expect(failures).toHaveLength(1);
    writeFileSync(path.join(dir, CONTROL_TOKEN), 'f'.repeat(64));
    await expect(callControl(dir, 'echo', {})).rejects.toMatchObject({ code: 'control.unauthorized', status: 401 });
  });

  it('removes its socket and token when closed; a caller then hears that no server answers', async () => {
    await start();
    await channel!.close();
    channel = undefined;
    await expect(callControl(dir, 'echo', {})).rejects.toMatchObject({ code: 'control.unavailable' });
  });

  it('takes over a socket left by a dead server', async () => {
    writeFileSync(path.join(dir, CONTROL_SOCKET), '');
    writeFileSync(path.join(dir, CONTROL_TOKEN), 'old');
    await start();
    expect(await callControl(dir, 'echo', 1)).toEqual({ echoed: 1 });
  });
});
