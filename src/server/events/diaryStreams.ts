/** How many live diary streams one process holds (config.ts: DIARY_STREAMS_PER_SESSION, DIARY_STREAMS_PER_PROCESS). */
export type StreamLimits = { perSession: number; perProcess: number };

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perSession: 6, perProcess: 4_000 };

type Stream = { session: string; supersede: () => void };

/**
 * Counts the open diary streams of each session and of the whole process (issue 16: one session
 * held 1,000 streams and the process slowed for everybody). A session past its allowance keeps its
 * newest streams: the oldest one is told it is superseded and closed, since the screen a person
 * opened last is the one they look at. A full process admits no new stream until one closes.
 */
export class DiaryStreams {
  private readonly open = new Set<Stream>();
  private readonly bySession = new Map<string, Stream[]>();

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  get size(): number {
    return this.open.size;
  }

  /** True when the process has room for one more stream (a session's own oldest is made room for in `admit`). */
  hasRoom(session: string): boolean {
    const own = this.bySession.get(session)?.length ?? 0;
    return this.open.size < this.limits.perProcess || own >= this.limits.perSession;
  }

  /** Registers a stream; supersedes the session's oldest past the allowance. Returns the release to call on close. */
  admit(session: string, supersede: () => void): () => void {
    const stream: Stream = { session, supersede };
    const own = this.bySession.get(session) ?? [];
    this.bySession.set(session, own);
    own.push(stream);
    this.open.add(stream);
    while (own.length > this.limits.perSession) {
      const oldest = own.shift()!;
      this.open.delete(oldest);
      oldest.supersede();
    }
    return () => this.release(stream);
  }

  private release(stream: Stream) {
    if (!this.open.delete(stream)) return;
    const own = this.bySession.get(stream.session);
    if (!own) return;
    const at = own.indexOf(stream);
    if (at >= 0) own.splice(at, 1);
    if (own.length === 0) this.bySession.delete(stream.session);
  }
}
