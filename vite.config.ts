import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress-plugin.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const serverPort = Number(process.env.PINGYI_DEV_API_PORT ?? 3001);

export default defineConfig({
  root: here('./client'),
  plugins: [react(), precompress(here('./dist/client'))],
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 3000,
    proxy: { '/api': `http://localhost:${serverPort}` },
  },
});
