import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/**
 * The Debian packages the test suite needs besides npm's: Chromium for browser tests, a CJK font so
 * screenshots show Chinese, and PostgreSQL server binaries for the PostgreSQL half of the suite.
 */
interface SystemDep {
  pkg: string;
  present: () => boolean;
}

const DEPS: SystemDep[] = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto') },
  {
    pkg: 'postgresql',
    present: () =>
      existsSync('/usr/lib/postgresql') &&
      readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)),
  },
];

export function missingSystemDeps(): string[] {
  return DEPS.filter((dep) => !dep.present()).map((dep) => dep.pkg);
}

/** Installs what is missing with apt-get when running as root; otherwise says what to install. */
export function ensureSystemDeps(log: (line: string) => void): void {
  const missing = missingSystemDeps();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`Installing system packages for the tests: ${missing.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) throw new Error('apt-get update failed');
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}
