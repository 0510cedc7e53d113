/**
 * The bare Fastify + pg yardstick (measure.ts `bareServer`) in a process of its own, so that it
 * shares the machine with the app's process and the load as the app does: `bareProcess(url)`
 * resolves with its address once it listens.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bareServer } from './measure.ts';

export async function bareProcess(url: string, poolSize = 10) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve-bare', url, String(poolSize)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const address = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { address: string }) => resolve(message.address));
    child.once('exit', (code) => reject(new Error(`голый сервер завершился: ${code}`)));
  });
  return {
    address,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

if (process.argv[2] === '--serve-bare') {
  const server = await bareServer(process.argv[3]!, Number(process.argv[4]));
  process.on('message', async () => {
    await server.close();
    process.disconnect();
  });
  process.send!({ address: server.address });
}
