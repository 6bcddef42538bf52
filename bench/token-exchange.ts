// Benchmark: what the code → token exchange (RFC 9474 blind signatures, decision 011) costs per code ballot.
// First the cryptography alone (the server's native RSA signing and verifying; the page's blinding and
// finalizing with @cloudflare/blindrsa-ts, here in Node), then through the real server: exchanges per
// second, and ballots with a token next to ballots by QR code (no code, no token), in the same run, with
// hello world as the baseline. Run: npx tsx bench/token-exchange.ts
import { mkdtempSync, rmSync } from 'node:fs';
import type { RequestSpec } from 'autocannon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import {
  blindSign,
  generateBlindKeyPair,
  importPrivateKey,
  importPublicKey,
  verifyToken,
} from '../server/crypto/blind-rsa.ts';
import { seededRandom } from '../server/seed/demo-answers.ts';
import { codeBallot, exchangeTokens, keyClassOf, openBallot, type LoadCode } from '../test/support/ballot-load.ts';
import { openWithCode, type CodeSession } from '../test/support/code-token.ts';
import { fastBlind } from '../test/support/fast-blind.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { prepareBenchDatabase } from './support/bench-campaign.ts';
import { fmt, runLoad, type LoadFigures } from './support/load.ts';
import { loadLine, machineLine, startHelloServer } from './support/processes.ts';

const print = (line: string): void => void process.stdout.write(`${line}\n`);
const CONNECTIONS = 20;
const REQUESTS = 1500;

async function cryptography(): Promise<void> {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const pair = await generateBlindKeyPair();
  const privateKey = importPrivateKey(pair.privateKey);
  const publicKey = importPublicKey(pair.publicKey);
  const clientKey = await crypto.subtle.importKey(
    'spki',
    Buffer.from(pair.publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const n = 100;
  const times = { blind: 0, sign: 0, finalize: 0, verify: 0 };
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await suite.blind(clientKey, prepared);
    times.blind += performance.now() - t;
    t = performance.now();
    const blindSignature = blindSign(privateKey, blindedMsg);
    times.sign += performance.now() - t;
    t = performance.now();
    const signature = await suite.finalize(clientKey, prepared, blindSignature, inv);
    times.finalize += performance.now() - t;
    t = performance.now();
    if (!verifyToken(publicKey, prepared, signature)) throw new Error('a token did not verify');
    times.verify += performance.now() - t;
  }
  print('\nRSA-2048 blind signatures, ms per token (mean of 100)');
  print(
    `  server: sign the blinded token ${(times.sign / n).toFixed(2)} · verify the token with the ballot ${(times.verify / n).toFixed(2)}`,
  );
  print(
    `  page (blindrsa-ts, measured in Node; a phone is slower): blind ${(times.blind / n).toFixed(1)} · finalize ${(times.finalize / n).toFixed(1)} — once per code, while the form is open`,
  );
}

const line = (name: string, f: LoadFigures, hello: LoadFigures) =>
  print(
    `  ${name.padEnd(34)} ${fmt.rate(f.rate)}/s ${fmt.ratio(f.rate / hello.rate)} of hello · p50 ${fmt.ms(f.p50)} p99 ${fmt.ms(f.p99)} ms · ${fmt.statuses(f.statuses)}`,
  );

function posts(path: string, items: string[]): RequestSpec[] {
  let next = 0;
  return [
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: items[next++] }),
    },
  ];
}

async function throughServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-tokens-'));
  const url = `file:${join(dir, 'bench.sqlite')}`;
  const hello = await startHelloServer();
  try {
    const prepared = await prepareBenchDatabase(url, { superior: 0, peer: 0, recipient: 2 * REQUESTS + 60 });
    const server = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
    try {
      const [forExchange, forBallots] = [prepared.codes.slice(0, REQUESTS), prepared.codes.slice(REQUESTS)];
      const keys = new Map<string, string>();
      const app = { request: (path: string, init?: RequestInit) => fetch(`${server.baseUrl}${path}`, init) };
      for (const code of forExchange) {
        if (keys.has(keyClassOf(code))) continue;
        keys.set(
          keyClassOf(code),
          ((await (await openWithCode(app, code.code)).json()) as CodeSession).token.publicKey,
        );
      }
      const exchangeBodies = forExchange.map((code: LoadCode) =>
        JSON.stringify({ code: code.code, blindedMessage: fastBlind(keys.get(keyClassOf(code))!).blindedMessage }),
      );
      const tokens = await exchangeTokens(server.baseUrl, forBallots);
      const random = seededRandom(3);
      const tokenBallots = forBallots.map((code) =>
        JSON.stringify(codeBallot(prepared.campaign, code, tokens.get(code.code)!, random)),
      );
      const qrBallots = Array.from({ length: REQUESTS }, (_, i) =>
        JSON.stringify(
          openBallot(prepared.campaign, prepared.campaign.unitIds[i % prepared.campaign.unitIds.length]!, random),
        ),
      );

      const helloRun = await runLoad({ url: hello.baseUrl, connections: CONNECTIONS, duration: 5 });
      const exchange = await runLoad({
        url: server.baseUrl,
        connections: CONNECTIONS,
        amount: REQUESTS,
        requests: posts('/api/tokens', exchangeBodies),
      });
      const withToken = await runLoad({
        url: server.baseUrl,
        connections: CONNECTIONS,
        amount: REQUESTS,
        requests: posts('/api/ballots', tokenBallots),
      });
      const byQr = await runLoad({
        url: server.baseUrl,
        connections: CONNECTIONS,
        amount: REQUESTS,
        requests: posts('/api/ballots', qrBallots),
      });
      print(
        `\nThrough the real server (SQLite, synchronous=FULL), ${CONNECTIONS} connections, ${REQUESTS} requests each`,
      );
      line('hello world (GET /)', helloRun, helloRun);
      line('exchange a code (POST /tokens)', exchange, helloRun);
      line('recipient ballot with a token', withToken, helloRun);
      line('recipient ballot by QR (no code)', byQr, helloRun);
      const perCodeBallot = 1000 / exchange.rate + 1000 / withToken.rate;
      print(
        `  a code ballot costs the server ${perCodeBallot.toFixed(2)} ms of throughput (exchange + ballot) against ${(1000 / byQr.rate).toFixed(2)} ms for a QR ballot; the exchange is ${((1000 / exchange.rate / perCodeBallot) * 100).toFixed(0)}% of it`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await hello.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

print(machineLine());
print(loadLine('before'));
await cryptography();
await throughServer();
print(loadLine('after'));
