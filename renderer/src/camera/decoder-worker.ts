/// <reference lib="webworker" />
/**
 * Decodes camera frames off the UI thread. Takes one frame at a time (the main side drops frames
 * while this one is busy), tries only the formats asked for, and answers with the first code found
 * or null. zxing-wasm reads what it can; @zxing/library stands in for every format if WebAssembly
 * cannot start.
 */
import { decodeWithJs } from './engines/js-engine';
import { decodeWithWasm, startWasmEngine } from './engines/wasm-engine';
import { planEngines, type EngineName } from './formats';
import { framePixels } from './frame-pixels';
import type { DecodeRequest, DecodedCode, WorkerReply, WorkerRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const available = new Set<EngineName>(['js']);
let wasmError: string | undefined;

const starting = startWasmEngine().then(
  () => {
    available.add('wasm');
  },
  (error: unknown) => {
    wasmError = error instanceof Error ? error.message : String(error);
  },
);

function scaled(code: DecodedCode | null, scale: number): DecodedCode | null {
  if (!code || scale === 1) return code;
  return { ...code, points: code.points.map((p) => ({ x: p.x * scale, y: p.y * scale })) };
}

let pixelsMs = 0;

async function decode(request: DecodeRequest): Promise<DecodedCode | null> {
  const started = performance.now();
  const { image, scale } = await framePixels(request.frame);
  pixelsMs = performance.now() - started;
  const plan = planEngines(request.formats, available, request.engine);
  // zxing-wasm first: it answers in a few milliseconds, so a miss costs little before the slower engine.
  const fromWasm = decodeWithWasm(image, plan.wasm);
  if (fromWasm) return scaled(fromWasm, scale);
  return scaled(decodeWithJs(image, plan.js), scale);
}

function reply(message: WorkerReply): void {
  self.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  await starting;
  if (request.type === 'init') {
    reply({ type: 'ready', engines: [...available], ...(wasmError ? { wasmError } : {}) });
    return;
  }
  const started = performance.now();
  try {
    const code = await decode(request);
    reply({ type: 'decoded', id: request.id, code, ms: performance.now() - started, pixelsMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply({ type: 'decoded', id: request.id, code: null, ms: performance.now() - started, error: message });
  }
}

// One request at a time, in order: the pixel buffers are reused from frame to frame.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  queue = queue.then(() => handle(event.data));
};
