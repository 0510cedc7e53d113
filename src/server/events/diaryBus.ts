import { EventEmitter } from 'node:events';
import pg from 'pg';
import { DEFAULT_STREAM_LIMITS, DiaryStreams, type StreamLimits } from './diaryStreams.ts';

/** What changed in a student's diary; the open diary re-fetches what it shows. */
export type DiaryChange = {
  schoolId: string;
  studentIds: string[];
  kind: 'mark' | 'attendance' | 'homework' | 'lesson' | 'periodMark';
  lessonId?: string;
  at: string;
};

/** The PostgreSQL channel every server process of one database listens on. */
export const DIARY_CHANNEL = 'klassny_diary';
/** NOTIFY payloads must stay under 8000 bytes: a change for many students goes out in slices. */
const STUDENTS_PER_NOTIFY = 100;
const RECONNECT_MS = 2_000;

type Logger = { warn(obj: unknown, msg?: string): void };

/**
 * Pushes journal changes to open diaries (Server-Sent Events). Publish after the transaction
 * has committed, so a diary never shows what was rolled back.
 *
 * In one process (PGlite) the bus is an EventEmitter. With several server processes on one
 * PostgreSQL, `bridgePostgres` makes every publish a `NOTIFY klassny_diary` and every process
 * (this one too) emits the notifications it hears locally, so a diary open on any process learns
 * of a mark saved on any other.
 */
export class DiaryBus {
  private readonly emitter = new EventEmitter();
  private bridge: { url: string; client: pg.Client | null; closed: boolean; log?: Logger } | null = null;
  private readonly streamEnders = new Set<() => void>();
  private notifying: Promise<void> = Promise.resolve();
  /** The open diaries' streams of this process, within their limits. */
  readonly streams: DiaryStreams;

  constructor(limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.streams = new DiaryStreams(limits);
    // One listener per open diary; thousands are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(change: DiaryChange): void {
    const bridge = this.bridge;
    if (!bridge?.client) {
      this.emitLocally(change);
      return;
    }
    const client = bridge.client;
    const ids = [...new Set(change.studentIds)];
    for (let i = 0; i < ids.length; i += STUDENTS_PER_NOTIFY) {
      const slice = { ...change, studentIds: ids.slice(i, i + STUDENTS_PER_NOTIFY) };
      // One query at a time on the listening connection: pg does not run two side by side on one
      // client (it queues them with a deprecation warning, and pg 9 refuses them).
      this.notifying = this.notifying.then(() => client.query('select pg_notify($1, $2)', [DIARY_CHANNEL, JSON.stringify(slice)]))
        .then(() => undefined, (error: unknown) => {
          // The database is unreachable: at least the diaries open on this process still hear it.
          bridge.log?.warn({ err: error }, 'diary bus: NOTIFY failed, delivering locally');
          this.emitLocally(slice);
        });
    }
  }

  subscribe(studentId: string, listener: (change: DiaryChange) => void): () => void {
    this.emitter.on(studentId, listener);
    return () => this.emitter.off(studentId, listener);
  }

  /** The live streams' route says how to end its streams when this process goes away. */
  onEndStreams(end: () => void): void {
    this.streamEnders.add(end);
  }

  /** Graceful shutdown: every live stream of this process ends, telling its browser to reconnect (to another process). */
  endStreams(): void {
    for (const end of this.streamEnders) end();
  }

  /** How many open diaries of this student listen here. */
  listeners(studentId: string): number {
    return this.emitter.listenerCount(studentId);
  }

  /** Listens on the PostgreSQL channel; resolves once LISTEN is in place. Reconnects on loss. */
  async bridgePostgres(url: string, log?: Logger): Promise<void> {
    this.bridge = { url, client: null, closed: false, log };
    await this.connect();
  }

  async close(): Promise<void> {
    const bridge = this.bridge;
    if (!bridge) return;
    bridge.closed = true;
    const client = bridge.client;
    bridge.client = null;
    await client?.end().catch(() => {});
  }

  private emitLocally(change: DiaryChange) {
    for (const studentId of new Set(change.studentIds)) this.emitter.emit(studentId, change);
  }

  private async connect(): Promise<void> {
    const bridge = this.bridge!;
    const client = new pg.Client({ connectionString: bridge.url });
    client.on('notification', (message) => {
      if (message.channel !== DIARY_CHANNEL || !message.payload) return;
      try {
        this.emitLocally(JSON.parse(message.payload) as DiaryChange);
      } catch (error) {
        bridge.log?.warn({ err: error }, 'diary bus: unreadable notification');
      }
    });
    const lost = () => {
      if (bridge.client !== client) return;
      bridge.client = null;
      client.end().catch(() => {});
      if (!bridge.closed) setTimeout(() => this.reconnect(), RECONNECT_MS).unref();
    };
    client.on('error', (error) => {
      bridge.log?.warn({ err: error }, 'diary bus: connection lost');
      lost();
    });
    client.on('end', lost);
    await client.connect();
    await client.query(`listen ${DIARY_CHANNEL}`);
    if (bridge.closed) {
      await client.end();
      return;
    }
    bridge.client = client;
  }

  private reconnect() {
    if (this.bridge?.closed) return;
    this.connect().catch((error: unknown) => {
      this.bridge?.log?.warn({ err: error }, 'diary bus: reconnect failed');
      if (!this.bridge?.closed) setTimeout(() => this.reconnect(), RECONNECT_MS).unref();
    });
  }
}
