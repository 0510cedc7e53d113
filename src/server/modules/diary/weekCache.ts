import { gzipSync } from 'node:zlib';

/**
 * A week's JSON, gzipped once: every browser accepts gzip, and a 45 KB week is 6 KB so, ten times
 * more weeks in the same memory. The rare client without gzip gets it unpacked (`gunzipSync`).
 */
export type CachedWeek = Buffer;

/**
 * Serialised diary weeks, each kept with the scopes it was read over (the school, the student and
 * the student's groups) and the version of those scopes then (versionQueries.ts). An entry serves
 * only while that version is unchanged, so a mark saved a moment ago is never hidden, and a change
 * elsewhere in the school leaves it alone; least recently read weeks go first when the bytes run out.
 */
export class WeekCache {
  private readonly entries = new Map<string, { version: string; scopes: readonly string[]; week: CachedWeek }>();
  private bytes = 0;
  /** Weeks served from an entry, and weeks read from the database and stored (for tests and the bench). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly maxBytes: number) {}

  /** The scopes the entry of `key` was read over, to ask their version; undefined without an entry. */
  scopesOf(key: string): readonly string[] | undefined {
    return this.entries.get(key)?.scopes;
  }

  get(key: string, version: string): CachedWeek | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.stats.hits += 1;
    // A Map keeps insertion order: re-inserting marks the entry as the most recently read.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.week;
  }

  /** Keeps the JSON of a week read over `scopes` at `version`, gzipped, and returns it so. */
  set(key: string, version: string, scopes: readonly string[], json: string): CachedWeek {
    this.stats.misses += 1;
    this.remove(key);
    const week = gzipSync(json);
    if (week.length > this.maxBytes) return week;
    this.entries.set(key, { version, scopes, week });
    this.bytes += week.length;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
    return week;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.week.length;
    this.entries.delete(key);
  }
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
