import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { CONTROL_SOCKET, CONTROL_TOKEN } from './controlChannel.ts';

/**
 * Sends one command to the server that holds `dataDir` (controlChannel.ts) and returns its result.
 * The server's refusal comes back as the AppError it threw; no server, as `control.unavailable`.
 */
export async function callControl<T>(dataDir: string, command: string, body: unknown): Promise<T> {
  const unavailable = () => new AppError('control.unavailable', 503,
    `Сервер Klassny занимает папку данных ${dataDir}, но не отвечает по ${path.join(dataDir, CONTROL_SOCKET)}; повторите позже или остановите сервер.`);
  let token: string;
  try {
    token = readFileSync(path.join(dataDir, CONTROL_TOKEN), 'utf8').trim();
  } catch {
    throw unavailable();
  }
  const payload = Buffer.from(JSON.stringify(body));
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({
      socketPath: path.join(dataDir, CONTROL_SOCKET), path: `/${command}`, method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': payload.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => reject(['ENOENT', 'ECONNREFUSED'].includes(error.code ?? '') ? unavailable() : error));
    req.end(payload);
  });
  let answer: { result?: T; error?: { code: string; message: string } };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw unavailable();
  }
  if (answer.error) throw new AppError(answer.error.code, status, answer.error.message);
  return answer.result as T;
}
