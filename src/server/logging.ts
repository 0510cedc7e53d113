import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from './config.ts';

export type ServerLog = {
  /** Fastify's `logger` option. */
  options: { level: Config['logLevel']; stream: pino.DestinationStream };
  /** Stops listening for SIGUSR2 and flushes. */
  close(): void;
};

/**
 * The server's JSON log (requests, errors, jobs) goes to LOG_FILE, so that the terminal shows the
 * start banner and the operator's commands rather than a stream of JSON; `-` sends it to stdout,
 * where systemd's journal or a container runtime collects it. SIGUSR2 reopens the file after
 * logrotate moved it (not SIGHUP: a closed terminal sends that, and it should still stop the server;
 * SIGUSR1 is Node's debugger).
 */
export function openServerLog(config: Pick<Config, 'logFile' | 'logLevel'>): ServerLog {
  if (config.logFile === '-') {
    return { options: { level: config.logLevel, stream: pino.destination(1) }, close() {} };
  }
  mkdirSync(path.dirname(config.logFile), { recursive: true });
  const destination = pino.destination({ dest: config.logFile, append: true, sync: true });
  const reopen = () => destination.reopen();
  process.on('SIGUSR2', reopen);
  return {
    options: { level: config.logLevel, stream: destination },
    close() {
      process.off('SIGUSR2', reopen);
      destination.flushSync();
      destination.end();
    },
  };
}
