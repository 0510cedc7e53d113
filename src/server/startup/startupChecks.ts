import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';

/** A start that cannot go on, told in one Russian line with what to do. */
export class StartupError extends Error {}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '?');
  }
}

/**
 * DATA_DIR holds the embedded database, the homework files (on PostgreSQL too), keys and backups:
 * a start that cannot write there would fail later, half-way and in English.
 */
export function assertWritableDataDir(dataDir: string): void {
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(
      `папка данных ${dataDir} недоступна для записи (${code}): укажите в DATA_DIR папку, куда пользователь ${currentUser()} может писать, или дайте ему права на эту`,
    );
  }
}

/** The line for an error of `listen` on the HTTP port; undefined for any other error. */
export function portErrorLine(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `порт ${port} на ${host} уже занят другой программой (может быть, Klassny уже запущен): остановите её или укажите другой PORT`;
  }
  if (code === 'EACCES') {
    return `нет прав слушать порт ${port}: порты ниже 1024 открывает только root — укажите PORT от 1024 (например, 3000) и поставьте перед Klassny прокси (docs/deploy.md)`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `адреса ${host} нет на этой машине: укажите в HOST один из её адресов, 127.0.0.1 или 0.0.0.0`;
  }
  return undefined;
}

/**
 * Checked before migrations and the demo build, so a busy port is told in a second, not after a
 * minute of work. The real listen may still lose a race; it reports the same line.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, resolve);
    });
  } catch (error) {
    const line = portErrorLine(error, port, host);
    throw line ? new StartupError(line) : error;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
