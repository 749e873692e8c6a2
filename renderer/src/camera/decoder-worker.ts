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
import type { DecodeRequest, DecodedCode, RgbaFrame, WorkerReply, WorkerRequest } from './protocol';

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

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixels(frame: ImageBitmap | ImageData): RgbaFrame {
  if (!(frame instanceof ImageBitmap)) return frame;
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('OffscreenCanvas 2D is not available');
  context.drawImage(frame, 0, 0);
  frame.close();
  return context.getImageData(0, 0, frame.width, frame.height);
}

async function decode(request: DecodeRequest): Promise<DecodedCode | null> {
  const frame = pixels(request.frame);
  const plan = planEngines(request.formats, available, request.engine);
  // zxing-wasm first: it answers in a few milliseconds, so a miss costs little before the slower engine.
  const fromWasm = await decodeWithWasm(frame, plan.wasm);
  if (fromWasm) return fromWasm;
  return decodeWithJs(frame, plan.js);
}

function reply(message: WorkerReply): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  await starting;
  if (request.type === 'init') {
    reply({ type: 'ready', engines: [...available], ...(wasmError ? { wasmError } : {}) });
    return;
  }
  const started = performance.now();
  try {
    const code = await decode(request);
    reply({ type: 'decoded', id: request.id, code, ms: performance.now() - started });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply({ type: 'decoded', id: request.id, code: null, ms: performance.now() - started, error: message });
  }
};
