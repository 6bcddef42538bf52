import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress-plugin.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// PINGYI_CLIENT_DIST moves the build (server/startup/client-build.ts reads the same variable).
const outDir = process.env.PINGYI_CLIENT_DIST ?? here('./dist/client');

const serverPort = Number(process.env.PINGYI_DEV_API_PORT ?? 3001);

export default defineConfig({
  root: here('./client'),
  plugins: [react(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 3000,
    proxy: { '/api': `http://localhost:${serverPort}` },
  },
});
