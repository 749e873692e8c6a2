import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseKey } from './database-key';
import { databaseKeyPragmas } from './database';

/**
 * The worker's whole program, as source (the CLI ships as one bundled script): it opens the file on
 * its own read-only connection with the same cipher settings and runs SQLite's quick_check there.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.modulePath);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    for (const pragma of workerData.pragmas) db.pragma(pragma);
    parentPort.postMessage({ result: String(db.pragma('quick_check', { simple: true })) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ failed: String((error && error.code) || error) });
}
`;

/** Where this code's better-sqlite3 is, for the worker; undefined where it cannot be told (then the check runs inline). */
function sqliteModulePath(): string | undefined {
  try {
    // __filename is the bundle (dist/cli.js) or, under the test runner, this source file.
    return typeof __filename === 'string' ? createRequire(__filename).resolve('better-sqlite3-multiple-ciphers') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SQLite's quick_check of `file` on a second core while the audit reads the log on this one: the
 * check reads (and, encrypted, decrypts) every page, about a tenth of a large day's audit. Answers
 * 'ok' or SQLite's description of the damage; undefined when the worker could not run it, and the
 * caller checks inline instead.
 */
export function quickCheckAside(file: string, key: DatabaseKey | undefined): Promise<string | undefined> {
  const modulePath = sqliteModulePath();
  if (modulePath === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, file, pragmas: key ? databaseKeyPragmas(key) : [] } });
    worker.once('message', (answer: { result?: string; failed?: string }) => {
      resolve(answer.result);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
