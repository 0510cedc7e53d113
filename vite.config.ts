import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
export const WEB_OUT_DIR = path.join(root, 'dist', 'web');

// No @vitejs/plugin-react: its current major needs Vite 8, and esbuild's automatic JSX runtime is
// all the production bundle needs (no Fast Refresh).
export default defineConfig({
  root: path.join(root, 'src', 'web'),
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: WEB_OUT_DIR,
    emptyOutDir: true,
    // The strict CSP (script-src 'self') forbids the inline module-preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // bench/web-bundle.ts reads which chunks the diary route loads.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      onwarn(warning, warn) {
        // Mantine marks its modules "use client" for React Server Components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
