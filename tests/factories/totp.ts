import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { type App, buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/client.ts';

export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789';

/** The code an authenticator app shows for this secret at this moment (same library, RFC 6238). */
export const totpCode = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

/** The real app over a given database with a secret key (null: like PostgreSQL without SECRET_KEY). */
export async function buildTotpApp(database: Database, now: () => Date, secretKey: string | null = TEST_SECRET_KEY): Promise<App> {
  const app = await buildApp({ database, testActors: true, now, secretKey });
  await app.ready();
  return app;
}

const csrf = { 'x-klassny-csrf': '1' };

export const sessionCookie = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'klassny_session');
  return c ? `klassny_session=${c.value}` : '';
};

/** Requests as a browser would send them: with the session cookie and the CSRF header. */
export function browser(app: App) {
  return {
    login: (body: object) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers: csrf }),
    loginTotp: (body: object) => app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: body, headers: csrf }),
    send: (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, payload, headers: { cookie, ...csrf } }),
  };
}
