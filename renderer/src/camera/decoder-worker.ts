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

/**
 * Frames wider than this are scaled down before decoding (points are scaled back): reading the
 * pixels and finding the code both cost in proportion to the area. Measured in camera-bench.ts.
 */
const DECODE_MAX_WIDTH = 800;

/** Pixels of the frame, and the factor from them back to the frame's own coordinates. */
function pixels(frame: ImageBitmap | ImageData): { image: RgbaFrame; scale: number } {
  if (!(frame instanceof ImageBitmap)) return { image: frame, scale: 1 };
  const scale = frame.width > DECODE_MAX_WIDTH ? frame.width / DECODE_MAX_WIDTH : 1;
  const width = Math.round(frame.width / scale);
  const height = Math.round(frame.height / scale);
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('OffscreenCanvas 2D is not available');
  context.drawImage(frame, 0, 0, width, height);
  frame.close();
  return { image: context.getImageData(0, 0, width, height), scale };
}

function scaled(code: DecodedCode | null, scale: number): DecodedCode | null {
  if (!code || scale === 1) return code;
  return { ...code, points: code.points.map((p) => ({ x: p.x * scale, y: p.y * scale })) };
}

let pixelsMs = 0;

async function decode(request: DecodeRequest): Promise<DecodedCode | null> {
  const started = performance.now();
  const { image, scale } = pixels(request.frame);
  pixelsMs = performance.now() - started;
  const plan = planEngines(request.formats, available, request.engine);
  // zxing-wasm first: it answers in a few milliseconds, so a miss costs little before the slower engine.
  const fromWasm = await decodeWithWasm(image, plan.wasm);
  if (fromWasm) return scaled(fromWasm, scale);
  return scaled(decodeWithJs(image, plan.js), scale);
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
    reply({ type: 'decoded', id: request.id, code, ms: performance.now() - started, pixelsMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply({ type: 'decoded', id: request.id, code: null, ms: performance.now() - started, error: message });
  }
};
