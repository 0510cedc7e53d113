// ESLint for `npm run lint` (the import boundaries are checked by scripts/boundaries.ts).
// The syntactic typescript-eslint preset: `tsc` already checks types, and the type-aware preset
// would run the compiler a second time on a machine whose lint budget is 30 s.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'lib/', 'data/', 'coverage/', '.tmp/', 'src/server/db/migrations/', 'tests/lint/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  { ignores: ['src/web/**'], languageOptions: { globals: globals.node } },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { key: _gone, ...rest } = row` is how the code drops a field from an object.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules only: the preset's React Compiler rules compile every component
    // (about 16 s of lint's 30 s budget here) for a compiler this app does not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Uploads are screened for control characters: the regexes name them on purpose.
    files: ['src/server/modules/homework/fileTypes.ts'],
    rules: { 'no-control-regex': 'off' },
  },
]);
