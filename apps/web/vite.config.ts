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
        // gzip compresses each file alone, so a first load split into many small chunks weighs more
        // than the same code in a few. `vendor` holds the libraries (they change less often than the
        // app: a long-cacheable chunk of its own); `app` holds the shell with everything it imports
        // (a group takes its modules' dependencies too). Each page stays a lazy chunk of its own.
        // Against the earlier react/query split every page's first load is smaller (Sessions 123.3 →
        // 122.0 KiB, home 109.9 → 108.8; bench/README.md, "First load"). Putting the Sessions page into
        // `app` too made its first load 113.6 but every other page's 1–7 KiB heavier: not done.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store|wouter|regexparam|@tanstack)[\\/]/, priority: 20 },
            { name: 'app', test: /src[\\/]app[\\/]app\.tsx$/, priority: 10 },
          ],
        },
      },
    },
  },
});
