// `npm run build`: the modern and the legacy client and the floor's polyfills (decision 016).
import { resolve } from 'node:path';
import { buildClient, clientOutDir } from '../server/startup/client-build.ts';

const root = resolve(import.meta.dirname, '..');
await buildClient(root);
process.stdout.write(`Built the web client into ${clientOutDir(root)}\n`);
