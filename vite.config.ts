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
    // The server reads it to preload a QR page's chunks from its HTML (server/http/client-assets.ts).
    manifest: true,
    // The form library's chunk (survey-core with survey-react-ui) is about 1.4 MB before compression.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The form library in a chunk of its own: no page's first paint waits for it, and a change of
          // Pingyi's own code leaves it cached on the phones.
          groups: [
            {
              name: 'survey',
              test: /[\\/]node_modules[\\/]survey-(core|react-ui)[\\/]/,
              // Not React too: every page needs React at once, the form library only when it shows a form.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 3000,
    proxy: { '/api': `http://localhost:${serverPort}` },
  },
});
