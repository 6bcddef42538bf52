import { spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.ts';

// `npm test`: install what the suite needs from Debian when missing, then run the whole suite.
try {
  ensureSystemDeps((line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
