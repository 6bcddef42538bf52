import { keyClassOf, type LoadCode } from '../../test/support/ballot-load.ts';
import { openWithCode, type CodeSession } from '../../test/support/code-token.ts';
import { fastBlind } from '../../test/support/fast-blind.ts';

/**
 * Bodies of POST /api/tokens, one per code, as the respondent page sends them when a rating opens: the
 * code and a token blinded for its kind's key (read once per kind: opening a rating spends nothing).
 * Built ahead of the run, so a load measures the server's exchange alone.
 */
export async function exchangeBodies(baseUrl: string, codes: readonly LoadCode[]): Promise<string[]> {
  const app = { request: (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init) };
  const keys = new Map<string, string>();
  for (const code of codes) {
    if (keys.has(keyClassOf(code))) continue;
    const opened = await openWithCode(app, code.code);
    if (opened.status !== 200) throw new Error(`opening ${code.code}: ${opened.status} ${await opened.text()}`);
    keys.set(keyClassOf(code), ((await opened.json()) as CodeSession).token.publicKey);
  }
  return codes.map((code) =>
    JSON.stringify({ code: code.code, blindedMessage: fastBlind(keys.get(keyClassOf(code))!).blindedMessage }),
  );
}
