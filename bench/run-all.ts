// `npm run bench`: every benchmark in sequence, each in its own process so one cannot warm or load the
// next, printing its figures with its same-run baselines.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

/** Runs one benchmark in its own process; returns its exit code. */
function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const benches = [
  'bench/scoring.ts',
  'bench/validation.ts',
  'bench/quality-flags.ts',
  'bench/results.ts',
  'bench/submission.ts',
  'bench/token-exchange.ts',
  // Starts its own durable PostgreSQL cluster; says so and passes where no PostgreSQL binaries exist.
  'bench/scale-out-pg.ts',
  'bench/respondent-page.ts',
  // Builds its million ballots with bench/results.ts --load.
  'bench/memory.ts',
].filter((file) => existsSync(file));

const failed: string[] = [];
const started = performance.now();
for (const file of benches) {
  print(`\n${'='.repeat(100)}\n${file}\n${'='.repeat(100)}`);
  const code = await run(file);
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}
print(
  `\nall benchmarks ran in ${((performance.now() - started) / 60_000).toFixed(1)} min${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`,
);
process.exit(failed.length ? 1 : 0);
