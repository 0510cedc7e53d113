import { api, ApiError } from './client.ts';

/** One page of a list endpoint (`?limit=&cursor=`). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** Every page of a school's list (a school has hundreds of rows at most: a request or two of 500). */
export async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const join = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 20; page++) {
    const result: Page<T> = await api<Page<T>>('GET', `${path}${join}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Retry a failed read twice, except when the server refused it (4xx): asking again changes nothing. */
export const noRetryOn4xx = (count: number, error: Error) =>
  count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

/** Query options of a school's reference lists (classes, years, subjects…): fresh for five minutes. */
export const LIST_QUERY = { staleTime: 5 * 60_000, retry: noRetryOn4xx };
