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

const SAFE = new Set(['GET', 'HEAD']);

/**
 * Calls `/api/v1` with the session cookie. Every write carries the CSRF header the server
 * demands of cookie-borne writes (src/server/plugins/actor.ts).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!SAFE.has(method)) headers['x-klassny-csrf'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; fields?: Record<string, string>; current?: unknown } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http', error?.message ?? '', error?.fields ?? {}, error?.current);
  }
  return payload as T;
}

/**
 * A POST answered with a file (the PDF of credential slips): the file, its name from
 * Content-Disposition (or `fallbackName`) and the headers; a refusal throws `ApiError` as `api` does.
 */
export async function apiFile(path: string, body: unknown, fallbackName: string): Promise<{ blob: Blob; fileName: string; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json', 'x-klassny-csrf': '1' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http', error?.message ?? '', error?.fields ?? {});
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  return { blob: await response.blob(), fileName, headers: response.headers };
}
