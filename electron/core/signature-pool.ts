import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** One signature to check: the signer's key (hex SPKI DER, as `devices.public_key` stores it), the event hash, the signature. */
export interface SignatureTask {
  publicKeyHex: string;
  hash: string;
  sig: string;
}

/** Signatures per message to a worker: large enough that posting costs little beside ~100 µs per check. */
export const SIGNATURE_BATCH = 500;

/**
 * The worker's whole program. It is given as source (not a file) because the app ships each
 * process as one bundled script; it needs nothing but node:crypto. A malformed key or signature
 * is simply not valid.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
function keyOf(hex) {
  let key = keys.get(hex);
  if (key === undefined) {
    try { key = createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' }); } catch { key = null; }
    keys.set(hex, key);
  }
  return key;
}
parentPort.on('message', ({ id, tasks }) => {
  const valid = new Uint8Array(tasks.length);
  for (let i = 0; i < tasks.length; i += 1) {
    const { publicKeyHex, hash, sig } = tasks[i];
    const key = keyOf(publicKeyHex);
    try { valid[i] = key && verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(sig, 'hex')) ? 1 : 0; } catch { valid[i] = 0; }
  }
  parentPort.postMessage({ id, valid }, [valid.buffer]);
});
`;

interface Pending {
  resolve: (valid: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * Ed25519 checks on worker threads, one per available core: a check costs 60–230 µs on one
 * thread, so an audit of a day's log or a sync batch of thousands would otherwise keep one core
 * busy while the others idle. Workers start on first use and never keep the process alive.
 */
export class SignaturePool {
  private workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;

  constructor(private readonly size = Math.max(1, availableParallelism())) {}

  /** Whether each task's signature is valid for its key and hash, in task order. */
  async verify(tasks: readonly SignatureTask[]): Promise<boolean[]> {
    if (tasks.length === 0) return [];
    this.start();
    const batches: Promise<Uint8Array>[] = [];
    for (let i = 0; i < tasks.length; i += SIGNATURE_BATCH) batches.push(this.post(tasks.slice(i, i + SIGNATURE_BATCH)));
    const results = await Promise.all(batches);
    return results.flatMap((valid) => Array.from(valid, (v) => v === 1));
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < this.size; i += 1) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, valid }: { id: number; valid: Uint8Array }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (this.pending.size === 0) for (const w of this.workers) w.unref();
        waiting?.resolve(valid);
      });
      worker.on('error', (error) => this.failAll(error));
      // Idle workers never keep the process alive (unref after the listeners: adding one refs again).
      worker.unref();
      this.workers.push(worker);
    }
  }

  private post(tasks: SignatureTask[]): Promise<Uint8Array> {
    const id = (this.nextId += 1);
    const worker = this.workers[this.nextWorker % this.workers.length]!;
    this.nextWorker += 1;
    // Referenced while answers are awaited, or the process could exit with a check half done.
    if (this.pending.size === 0) for (const w of this.workers) w.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, tasks: tasks.map(({ publicKeyHex, hash, sig }) => ({ publicKeyHex, hash, sig })) });
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    void this.close();
  }
}

/**
 * Signatures a pool found valid, looked up by exactly the (key, hash, signature) that was checked:
 * a result is never used for another key, another hash or another signature.
 */
export class PreverifiedSignatures {
  private readonly valid = new Set<string>();

  static async check(pool: SignaturePool, tasks: readonly SignatureTask[]): Promise<PreverifiedSignatures> {
    const verdicts = await pool.verify(tasks);
    const checked = new PreverifiedSignatures();
    tasks.forEach((task, i) => {
      if (verdicts[i]) checked.valid.add(PreverifiedSignatures.keyOf(task.publicKeyHex, task.hash, task.sig));
    });
    return checked;
  }

  has(publicKeyHex: string, hash: string, sig: string): boolean {
    return this.valid.has(PreverifiedSignatures.keyOf(publicKeyHex, hash, sig));
  }

  get size(): number {
    return this.valid.size;
  }

  private static keyOf(publicKeyHex: string, hash: string, sig: string): string {
    return `${publicKeyHex}|${hash}|${sig}`;
  }
}

let shared: SignaturePool | undefined;

/** The process's one pool (the CLI's audit, the office's and a door's sync ingestion). */
export function sharedSignaturePool(): SignaturePool {
  shared ??= new SignaturePool();
  return shared;
}
