import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite copies the WAL back into the database file (a checkpoint) on the connection whose commit
// crosses 1,000 pages, by default: on the server's one thread, while every ballot waits. Wide ballots
// fill the WAL quickly, so this was the slowest one commit in a hundred. Here the writer's automatic
// checkpoints are off and a worker thread with a connection of its own runs a PASSIVE checkpoint every
// quarter of a second: it copies what no reader still needs, never waits for the writer or the readers,
// and does the copying and the database file's fsync off the thread that takes ballots. The WAL's own
// fsync at each commit is untouched: what was acknowledged is as durable as before (decision 009).

const INTERVAL_MS = 250;

/** The worker's whole code: plain JavaScript, so it runs the same under tsx and under plain Node. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 0');
let failures = 0;
const run = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (error) {
    // Busy or locked: the next round tries again. Anything that keeps failing is reported once.
    if (++failures === 20) parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS },
    // A worker inherits the loader flags of the process (tsx); this one is plain JavaScript.
    execArgv: [],
  });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on('error', (error) => onError(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
    },
  };
}
