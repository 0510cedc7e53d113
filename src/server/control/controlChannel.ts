import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * The local control channel of a server on the embedded database: commands that must run through
 * the server's own connection (PGlite is one connection, and its folder is locked by the server)
 * reach it over a unix socket `DATA_DIR/control.sock`, readable by the server's user only, with the
 * random token of `DATA_DIR/control.token` (also 0600, new at every start). HTTP over the socket:
 * `POST /<command>` with a JSON body, `Authorization: Bearer <token>`; the answer is
 * `{ "result": … }` or `{ "error": { "code", "message" } }`. Handlers are handed in by the caller.
 */
export const CONTROL_SOCKET = 'control.sock';
export const CONTROL_TOKEN = 'control.token';

export type ControlHandler = (body: unknown) => Promise<unknown>;
export type ControlChannel = { close(): Promise<void> };

const MAX_BODY = 64 * 1024;

export async function startControlChannel(dataDir: string, handlers: Record<string, ControlHandler>,
  onError: (error: unknown, command: string) => void): Promise<ControlChannel> {
  const socketPath = path.join(dataDir, CONTROL_SOCKET);
  const tokenPath = path.join(dataDir, CONTROL_TOKEN);
  const token = randomBytes(32).toString('hex');
  // The caller holds the DATA_DIR lock: a socket or token left here belongs to a dead process.
  rmSync(socketPath, { force: true });
  rmSync(tokenPath, { force: true });
  writeFileSync(tokenPath, token, { mode: 0o600, flag: 'wx' });

  const server = createServer((request, response) => {
    void handle(request, response, token, handlers, onError);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return {
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketPath, { force: true });
      rmSync(tokenPath, { force: true });
    },
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, token: string,
  handlers: Record<string, ControlHandler>, onError: (error: unknown, command: string) => void): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const refuse = (status: number, code: string, message: string) => send(status, { error: { code, message } });
  const given = Buffer.from(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    refuse(401, 'control.unauthorized', 'Неверный ключ управляющего канала.');
    return;
  }
  const command = (request.url ?? '').replace(/^\//, '');
  const handler = request.method === 'POST' && Object.hasOwn(handlers, command) ? handlers[command] : undefined;
  if (!handler) {
    refuse(404, 'control.unknown_command', `Сервер не знает команды «${command}».`);
    return;
  }
  let body: unknown;
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new Error('too large');
      chunks.push(chunk as Buffer);
    }
    body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  } catch {
    refuse(400, 'control.bad_request', 'Запрос к управляющему каналу не читается.');
    return;
  }
  try {
    send(200, { result: await handler(body) });
  } catch (error) {
    if (error instanceof AppError) {
      refuse(error.status, error.code, error.message);
      return;
    }
    onError(error, command);
    refuse(500, 'control.failed', `Команда «${command}» не выполнена: ${(error as Error).message ?? String(error)}`);
  }
}
