// Import boundaries: the arrows of ARCHITECTURE.md ("Layout: rooms and arrows"), checked by
// `npm run lint` through scripts/boundaries.ts (which adds the check for cycles between rooms).
//
// - Type-only imports count (tsPreCompilationDeps): `import type` couples a room to another as
//   surely as a value import does, and policy/ must not import a module at all. Only the file
//   cycle rule leaves them out (see its comment).
// - Test files (`*.test.ts`) and tests/ are outside the boundaries: an API test builds the whole
//   app (tests/support/testApp.ts), so it necessarily reaches every room.
// - Paths are relative to the repository root; packages and node built-ins never match `^src/`.

/** Imports that load nothing when the importing file loads. */
const notAtLoad = ['dynamic-import', 'type-only', 'type-import'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment:
        'src/shared/ (contracts and pure domain rules) is used by server and web alike, so it imports nothing from server, web or cli.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web|cli)/' },
    },
    {
      name: 'web-never-imports-server',
      comment:
        'The web app talks to the server over HTTP with the contracts of src/shared/; it never imports server or CLI code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'roster-imports-only-db-and-shared',
      comment:
        'roster/ holds the read-only facts that rules need (stays, teaching, family); it stands below policy/ and the modules and imports only db/, shared/ and packages.',
      severity: 'error',
      from: { path: '^src/server/roster/' },
      to: { path: '^src/', pathNot: '^src/server/(roster|db)/|^src/shared/' },
    },
    {
      name: 'policy-imports-only-roster-db-shared',
      comment:
        'Every module imports policy/, so policy/ never imports a module (nor jobs/, records/, plugins/, app.ts): it asks roster/ for the facts it needs and imports only roster/, db/, errors.ts and shared/.',
      severity: 'error',
      from: { path: '^src/server/policy/' },
      to: { path: '^src/', pathNot: '^src/server/(policy|roster|db)/|^src/server/errors\\.ts$|^src/shared/' },
    },
    {
      name: 'db-imports-no-rules',
      comment:
        'db/ (client, prepared statements, schema) is the bottom floor: it imports neither roster/, policy/ nor a module.',
      severity: 'error',
      from: { path: '^src/server/db/' },
      to: { path: '^src/server/(roster|policy|modules)/' },
    },
    {
      name: 'no-unresolvable-import',
      comment:
        'A relative import the check cannot resolve is an arrow it cannot see; tsc would refuse it too, so this fires when the check itself is misconfigured. (Packages are left out: @types/pdfmake has no file to resolve.)',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^\\.\\.?/' },
    },
    {
      name: 'no-circular',
      comment:
        'No file reaches itself through the imports that run when it loads: a lazy import() (the web routes, the diary prefetch) and an `import type` (erased at run time, e.g. a db/ helper naming the Db type) close no file cycle. Between rooms an `import type` does count: scripts/boundaries.ts.',
      severity: 'error',
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: notAtLoad,
        viaOnly: { dependencyTypesNot: notAtLoad },
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|^tests/|^src/server/db/migrations/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
