import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const domainEntry = fileURLToPath(new URL('../libs/src/index.ts', import.meta.url));

/**
 * A vendor chunk for react alone. MUI and react-admin are left to rolldown's automatic splitting:
 * grouped, every component used anywhere in the app (the case workspace's steppers, accordions,
 * sliders and forms) lands in the chunk the sign-in page downloads (404 KB gzip measured, against
 * a budget of 300 KB); split by use, the sign-in page gets only what it renders. recharts is never
 * grouped, so it loads with the first chart.
 */
const vendorGroups = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
  // zod with web/src/zod-config.ts, which turns zod's JIT off (no eval under the CSP): in one chunk,
  // the setting runs as soon as zod is loaded, before any chunk defines a schema (a schema defined
  // with the JIT on probes for eval, a CSP violation; libs' schemas load eagerly with the app).
  { name: 'vendor-zod', test: /node_modules[\\/]zod[\\/]|[\\/]src[\\/]zod-config\.ts$/, priority: 30 },
];

export default defineConfig({
  // Brotli and gzip copies of every text asset, made once at build time; the API serves them to
  // browsers that ask (`Accept-Encoding`), so no byte is compressed per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 512, logLevel: 'silent' })],
  resolve: {
    alias: { '@attune/domain': domainEntry },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
