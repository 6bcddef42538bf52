import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The boot script (client/boot/boot.js), inlined into every page's head so that no request stands between
 * the HTML and the choice of build; the Content-Security-Policy allows exactly this text by its hash.
 */
export const BOOT_SCRIPT = readFileSync(new URL('../../client/boot/boot.js', import.meta.url), 'utf8').trim();

/** The CSP source that allows the boot script and no other inline script. */
export const BOOT_SCRIPT_CSP = `'sha256-${createHash('sha256').update(BOOT_SCRIPT).digest('base64')}'`;
