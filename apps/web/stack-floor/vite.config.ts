import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The stack-floor page (see main.tsx), built as the SPA is: same plugins, same minifier, no split. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
