import { defineConfig } from 'vitest/config';

// Every suite runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['pg'] : [])] as ('pglite' | 'pg')[];
// `*.replica.test.ts` need a streaming replica of that cluster (TEST_REPLICA_URL; .ci/start-replica starts one).
const replica = Boolean(process.env.TEST_REPLICA_URL);
if (process.env.CI && process.env.TEST_DATABASE_URL && !replica) {
  throw new Error('CI runs the replica tests: set TEST_REPLICA_URL (.ci/start-replica prints it)');
}

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    projects: [
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          // `*.pg.test.ts`: what only a PostgreSQL server has (a pool, connections it can drop).
          exclude: ['tests/e2e/**', 'node_modules/**', ...(database === 'pglite' ? ['**/*.pg.test.ts'] : []),
            ...(database === 'pglite' || !replica ? ['**/*.replica.test.ts'] : [])],
          globalSetup: ['tests/support/globalSetup.ts'],
          provide: { database },
        },
      })),
      // Browser journeys: the real app on a random port, the built web app, a real Chromium.
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: `e2e-${database}`,
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/globalSetup.ts', 'tests/e2e/support/buildWeb.ts'],
          provide: { database },
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      })),
    ],
  },
});
