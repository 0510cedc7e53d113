import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** A keep-alive connection idle this long is not in the middle of a client's loop: closing it races no request. */
export const IDLE_GRACE_MS = 1_000;
const CHECK_MS = 50;

type Tracked = { busy: number; idleSince: number };

export type Drain = {
  /** Sets a response header on every answer (the worker's number in a cluster). */
  tagResponses(name: string, value: string): void;
  /**
   * Stops taking connections, answers every request still arriving on an open connection with
   * `Connection: close`, and resolves once every connection has gone: in-flight requests finish,
   * idle keep-alive connections close after IDLE_GRACE_MS of silence, anything left at
   * `timeoutMs` is cut. `eachCheck` runs every few milliseconds meanwhile: it ends live streams,
   * which never finish on their own (a stream opened during the drain too).
   */
  drain(timeoutMs: number, eachCheck?: () => void): Promise<{ cut: number }>;
};

/**
 * Graceful shutdown of an HTTP server without the keep-alive race. Node's `server.close()` (and so
 * Fastify's `close()`) closes idle keep-alive connections at once, and a client that is just sending
 * its next request on one gets a reset — a failed request, in a load test and for a user alike.
 * Here a connection in use is closed by the client itself after an answer that says
 * `Connection: close`; only connections silent for a second are closed from this side.
 * Must be attached before the server takes its first connection.
 */
export function trackConnections(server: Server, now: () => number = Date.now): Drain {
  const sockets = new Map<Socket, Tracked>();
  const answering = new Set<ServerResponse>();
  let draining = false;
  let tag: [string, string] | undefined;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { busy: 0, idleSince: now() });
    socket.once('close', () => sockets.delete(socket));
  });
  // Before Fastify's own listener, so that even an answer it writes at once carries the header.
  server.prependListener('request', (req, res) => {
    const tracked = sockets.get(req.socket);
    if (tag) res.setHeader(tag[0], tag[1]);
    if (draining) res.shouldKeepAlive = false;
    if (!tracked) return;
    tracked.busy += 1;
    answering.add(res);
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      answering.delete(res);
      tracked.busy -= 1;
      tracked.idleSince = now();
    };
    res.once('finish', finished);
    res.once('close', finished);
  });

  return {
    tagResponses(name, value) {
      tag = [name, value];
    },
    async drain(timeoutMs, eachCheck) {
      draining = true;
      for (const res of answering) if (!res.headersSent) res.shouldKeepAlive = false;
      // net's close, not http's: stop accepting (in a cluster worker, the primary hands new
      // connections to the other workers) without http's closing of idle connections.
      if (server.listening) NetServer.prototype.close.call(server);
      const deadline = now() + timeoutMs;
      for (;;) {
        eachCheck?.();
        for (const [socket, tracked] of sockets) {
          if (tracked.busy === 0 && now() - tracked.idleSince >= IDLE_GRACE_MS) socket.end();
        }
        if (sockets.size === 0) return { cut: 0 };
        if (now() >= deadline) {
          const cut = sockets.size;
          for (const socket of sockets.keys()) socket.destroy();
          return { cut };
        }
        await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
      }
    },
  };
}
