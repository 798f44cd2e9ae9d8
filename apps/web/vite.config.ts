import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** Where the BFF listens in development; the SPA itself only ever calls its own origin. */
const bffUrl = process.env.BFF_URL ?? 'http://localhost:3000';

// Keep the browser's Host header so the BFF builds redirects and cookies for the SPA's origin.
const toBff: ProxyOptions = { target: bffUrl, changeOrigin: false, xfwd: true };
const proxy = { '/api': toBff, '/auth': toBff };

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json (not served: dot folders are ignored): which chunks and CSS a route's
    // lazy module needs, so `npm run bench` counts exactly what a browser fetches for a page.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate, long-cacheable chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store|wouter|regexparam)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
});
