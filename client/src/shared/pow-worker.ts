// A Web Worker that solves proof-of-work challenges (ALTCHA) with the browser's own PBKDF2, so the page
// stays responsive while it works. altcha-lib's shared handler does the counting; this file only names
// the key derivation.
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
