import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The staff console: `npm run build` writes it to dist/console, where the service serves it on
 * /console/ (src/web/staff-console.ts). `npx vite --config console/vite.config.mts` serves it
 * with hot reload on :5173 against a service running on :4000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // Everything from this service: no remote fonts, no CDN, no inlined data: scripts.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
