import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, DEVICE_TOKEN_SECONDS } from './deviceCookie.ts';
import { SESSION_COOKIE } from './sessions.ts';

// What a request carries of the browser behind it: its address and user agent (kept with sessions
// and security events), its device cookie (sign-in throttling), and the cookies this room sets.

export const clientOf = (request: FastifyRequest) => ({
  address: request.ip,
  userAgent: String(request.headers['user-agent'] ?? ''),
});

// Behind a TLS proxy the browser speaks https even when the proxy talks http to us.
const secure = (reply: FastifyReply) => reply.request.protocol === 'https' || reply.server.publicUrl.startsWith('https:');

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(reply), maxAge: maxAgeSeconds });
}

export const deviceCookieOf = (request: FastifyRequest): string | undefined => request.cookies[DEVICE_COOKIE];

/** Sent only to the sign-in endpoints; it outlives sessions and sign-outs (that is its point). */
export function setDeviceCookie(reply: FastifyReply, value: string | null) {
  if (value === null) return;
  reply.setCookie(DEVICE_COOKIE, value, { path: '/api/v1/auth', httpOnly: true, sameSite: 'strict', secure: secure(reply), maxAge: DEVICE_TOKEN_SECONDS });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
