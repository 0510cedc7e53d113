import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../scripts/boundaries.ts';

// The check of `npm run lint`, run with the repository's rules over two small trees shaped like
// src/: `bad` breaks each rule once, `clean` draws every arrow the way ARCHITECTURE.md does.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the import-boundary check', () => {
  it('names every forbidden import of the bad tree, type-only imports included', async () => {
    const report = await checkBoundaries(['src'], fixture('bad'));
    const broken = report.violations.map(({ rule, from, to }) => `${rule}: ${from} → ${to}`).sort();
    expect(broken).toEqual([
      'db-imports-no-rules: src/server/db/client.ts → src/server/roster/stays.ts',
      expect.stringMatching(/^no-circular: src\/server\/modules\/journal\/(marks|lessons)\.ts → /),
      'no-unresolvable-import: src/cli/broken.js → ./nowhere.js',
      'policy-imports-only-roster-db-shared: src/server/policy/policy.ts → src/server/modules/structure/service.ts',
      'roster-imports-only-db-and-shared: src/server/roster/stays.ts → src/server/policy/policy.ts',
      'shared-imports-only-shared: src/shared/domain/rule.ts → src/server/db/client.ts',
      'web-never-imports-server: src/web/page.ts → src/server/db/client.ts',
    ]);
    expect(report.text).toMatch(/^error policy-imports-only-roster-db-shared: /m);
  });

  it('finds two modules that reach each other though no file reaches itself', async () => {
    const report = await checkBoundaries(['src'], fixture('bad'));
    expect(report.roomCycles).toEqual([
      {
        rooms: ['src/server/modules/enrolment', 'src/server/modules/structure'],
        arrows: [
          {
            from: 'src/server/modules/enrolment',
            to: 'src/server/modules/structure',
            via: { from: 'src/server/modules/enrolment/queries.ts', to: 'src/server/modules/structure/lookups.ts' },
          },
          {
            from: 'src/server/modules/structure',
            to: 'src/server/modules/enrolment',
            via: { from: 'src/server/modules/structure/service.ts', to: 'src/server/modules/enrolment/queries.ts' },
          },
        ],
      },
    ]);
    expect(report.text).toContain(
      'error no-room-cycle: these rooms reach each other: src/server/modules/enrolment, src/server/modules/structure',
    );
  });

  it('passes a tree whose arrows all point down, sub-rooms and a lazy import() or an import type closing a cycle included', async () => {
    const report = await checkBoundaries(['src'], fixture('clean'));
    expect(report.violations).toEqual([]);
    expect(report.roomCycles).toEqual([]);
    expect(report.text).toMatch(/^boundaries: 12 files cruised; 0 rule violation\(s\), 0 room cycle\(s\)$/);
  });
});
