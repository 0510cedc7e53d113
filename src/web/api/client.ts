import { sessionRefused } from './session.ts';

/** A refusal of the API: `{error: {code, message, fields}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** A stale write's 409 carries the current value (`error.current`); undefined when absent. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string>; current?: unknown } } | null;

/** The refusal a response's JSON body describes (`{error: {code, message, fields}}`), whatever arrived. */
export function refusal(status: number, payload: unknown): ApiError {
  const error = (payload as ErrorBody)?.error;
  return new ApiError(status, error?.code ?? 'http', error?.message ?? '', error?.fields ?? {}, error?.current);
}

const SAFE = new Set(['GET', 'HEAD']);

/**
 * `fetch` under `/api/v1` with the session cookie: no connection throws `ApiError` with status 0
 * (the journal's offline queue waits on it), a refusal throws the `ApiError` its body describes.
 */
export async function apiFetch(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const error = refusal(response.status, await response.json().catch(() => null));
    // The session ended while the page was open: the sign-in dialog opens over it (Layout.tsx).
    if (error.status === 401 && error.code === 'auth.required') sessionRefused();
    throw error;
  }
  return response;
}

/**
 * Calls `/api/v1` with the session cookie. Every write carries the CSRF header the server
 * demands of cookie-borne writes (src/server/plugins/actor.ts).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!SAFE.has(method)) headers['x-klassny-csrf'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await apiFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return (response.status === 204 ? null : await response.json().catch(() => null)) as T;
}

/**
 * A POST answered with a file (the PDF of credential slips): the file, its name from
 * Content-Disposition (or `fallbackName`) and the headers; a refusal throws `ApiError` as `api` does.
 */
export async function apiFile(path: string, body: unknown, fallbackName: string): Promise<{ blob: Blob; fileName: string; headers: Headers }> {
  const response = await apiFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify(body),
  });
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  return { blob: await response.blob(), fileName, headers: response.headers };
}
