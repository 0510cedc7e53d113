import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './sessions.ts';

// What a request carries of the browser behind it: its address and user agent (kept with sessions
// and security events), and the session cookie this room sets and clears.

export const clientOf = (request: FastifyRequest) => ({
  address: request.ip,
  userAgent: String(request.headers['user-agent'] ?? ''),
});

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS proxy the browser speaks https even when the proxy talks http to us.
    secure: reply.request.protocol === 'https' || reply.server.publicUrl.startsWith('https:'),
    maxAge: maxAgeSeconds,
  });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
