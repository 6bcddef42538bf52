import { hasStoredToken } from './access-token.ts';

// A reload in the middle of thirty units must not send a leader back to the code screen: the page
// remembers which code this device is rating with, and opens it again while its token is kept here.
// Only the device keeps it (as it keeps the token, under the code's scope); it never goes with the
// ballot, which carries the token alone (decision 011).

const CURRENT = 'pingyi.code.current';

export const codeScope = (code: string) => `code.${code}`;

export function rememberCode(code: string): void {
  try {
    localStorage.setItem(CURRENT, code);
  } catch {
    // Storage refused: a reload then asks for the code again, which still works.
  }
}

/** The code this device was rating with, while its token is still kept here (until the ballot is accepted). */
export function resumableCode(): string | null {
  try {
    const code = localStorage.getItem(CURRENT);
    // Without its token the code cannot rate again; it stays remembered for its kept receipt.
    if (code && hasStoredToken(codeScope(code))) return code;
  } catch {
    // No storage: nothing to resume.
  }
  return null;
}

/** The code this device last rated with, whether or not its token is still kept (its receipt may be). */
export function lastCode(): string | null {
  try {
    return localStorage.getItem(CURRENT);
  } catch {
    return null;
  }
}

export function forgetCode(): void {
  try {
    localStorage.removeItem(CURRENT);
  } catch {
    // Nothing kept.
  }
}
