/** The one error type a service or route throws; the error handler turns it into the response. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    /** For a stale write (409): the value as it is now, so the client can show both. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, message = 'Не найдено') => new AppError(`${what}.not_found`, 404, message);

export const badRequest = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(code, 400, message, fields);

export const conflict = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(code, 409, message, fields);

/** A lookup of an id sent as a filter or in a body: unknown (or another school's) is a 400 on that field, not a 404. */
export async function referenced<T>(lookup: Promise<T>, field: string): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw badRequest(error.code, error.message, { [field]: error.message });
    throw error;
  }
}

/** The row, or the error when there is none: `found(await q.findRoom(db, id), roomNotFound)`. */
export function found<T>(value: T | undefined, error: () => AppError): T {
  if (value === undefined) throw error();
  return value;
}
