import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { FLOOR_BUILD_TARGET, LEGACY_DIR, MODERN_BUILD_TARGET } from './client/support-matrix.ts';
import { precompress } from './scripts/precompress-plugin.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// PINGYI_CLIENT_DIST moves the build (server/startup/client-build.ts reads the same variable).
const outDir = process.env.PINGYI_CLIENT_DIST ?? here('./dist/client');

const serverPort = Number(process.env.PINGYI_DEV_API_PORT ?? 3001);

/** The form library's chunk of its own: no page's first paint waits for it, and it stays cached on phones. */
const output = {
  codeSplitting: {
    groups: [
      {
        name: 'survey',
        test: /[\\/]node_modules[\\/]survey-(core|react-ui)[\\/]/,
        // Not React too: every page needs React at once, the form library only when it shows a form.
        includeDependenciesRecursively: false,
      },
    ],
  },
};

/**
 * Two builds of one source (decision 016). `vite build` is the modern one, for browsers that have the
 * modern marker (client/support-matrix.ts); `vite build --mode legacy` lowers the same code to the
 * support floor into <outDir>/legacy, served at /legacy/. The boot script in the page picks one
 * (client/boot/boot.js); scripts/build-client.ts runs both and the floor's polyfills.
 */
export default defineConfig(({ mode }): UserConfig => {
  const legacy = mode === 'legacy';
  const dir = legacy ? join(outDir, LEGACY_DIR) : outDir;
  return {
    root: here('./client'),
    base: legacy ? `/${LEGACY_DIR}/` : '/',
    plugins: [react(), precompress(dir)],
    build: {
      outDir: dir,
      emptyOutDir: true,
      sourcemap: false,
      target: legacy ? FLOOR_BUILD_TARGET : MODERN_BUILD_TARGET,
      // Each build's style sheets at its own level; the boot script links the legacy entry's sheet itself.
      cssTarget: legacy ? FLOOR_BUILD_TARGET : MODERN_BUILD_TARGET,
      // The server reads it to write a page's entry and preloads into its HTML (server/http/client-assets.ts).
      manifest: true,
      // The form library's chunk (survey-core with survey-react-ui) is about 1.4 MB before compression.
      chunkSizeWarningLimit: 1500,
      rolldownOptions: legacy ? { input: here('./client/src/main.tsx'), output } : { output },
    },
    server: {
      port: 3000,
      proxy: { '/api': `http://localhost:${serverPort}` },
    },
  };
});
