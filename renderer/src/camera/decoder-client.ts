import { FrameGate, type FrameGateOptions } from './frame-gate';
import { normaliseFormats, type CameraFormat, type EngineName } from './formats';
import type { DecodedCode, WorkerReply, WorkerRequest } from './protocol';

export interface DecodeOutcome {
  code: DecodedCode | null;
  /** Time the worker spent on the frame. */
  ms: number;
  /** Of which getting the pixels out of the bitmap. */
  pixelsMs?: number;
  error?: string;
}

export interface WorkerStatus {
  engines: EngineName[];
  wasmError?: string;
}

/**
 * The main side of the decoder worker. `offer` hands a frame over only when the worker is idle
 * (FrameGate): a busy worker means the frame is dropped at once, never queued, so the reads stay
 * current and the UI thread never waits.
 */
export class DecoderClient {
  private readonly worker: Worker;
  private readonly gate: FrameGate;
  private readonly pending = new Map<number, (outcome: DecodeOutcome) => void>();
  private readonly formats: CameraFormat[];
  /** Ids below zero: frames sent around the gate, never confused with its tickets. */
  private directId = 0;
  readonly ready: Promise<WorkerStatus>;

  constructor(formats?: readonly string[], gate: FrameGateOptions = {}) {
    this.formats = normaliseFormats(formats);
    this.gate = new FrameGate(gate);
    this.worker = new Worker(new URL('./decoder-worker.ts', import.meta.url), { type: 'module', name: 'barcode-decoder' });
    let resolveReady: (status: WorkerStatus) => void = () => undefined;
    this.ready = new Promise((resolve) => (resolveReady = resolve));
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      if (message.type === 'ready') {
        resolveReady({ engines: message.engines, ...(message.wasmError ? { wasmError: message.wasmError } : {}) });
        return;
      }
      this.gate.release(message.id);
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.({ code: message.code, ms: message.ms, ...(message.pixelsMs !== undefined ? { pixelsMs: message.pixelsMs } : {}), ...(message.error ? { error: message.error } : {}) });
    };
    this.post({ type: 'init' });
  }

  /** Frames dropped because the worker was still busy. */
  get dropped(): number {
    return this.gate.dropped;
  }

  /**
   * Sends the frame if the worker is free (the frame is transferred, not copied) and resolves with
   * its outcome; returns null and closes the frame when it is dropped.
   */
  offer(frame: ImageBitmap, now: number = performance.now()): Promise<DecodeOutcome> | null {
    const ticket = this.gate.tryAcquire(now);
    if (ticket === null) {
      frame.close();
      return null;
    }
    return this.send(ticket, frame, this.formats);
  }

  /** Whether `offer` would take a frame now: lets the caller skip grabbing one at all. */
  wouldAccept(now: number = performance.now()): boolean {
    return this.gate.wouldAccept(now);
  }

  /** Decodes one frame regardless of the gate (harness and benchmark). */
  decodeNow(frame: ImageBitmap | ImageData, formats?: readonly string[], engine?: EngineName): Promise<DecodeOutcome> {
    this.directId -= 1;
    return this.send(this.directId, frame, formats ? normaliseFormats(formats) : this.formats, engine);
  }

  terminate(): void {
    this.worker.terminate();
    for (const settle of this.pending.values()) settle({ code: null, ms: 0, error: 'terminated' });
    this.pending.clear();
  }

  private send(id: number, frame: ImageBitmap | ImageData, formats: CameraFormat[], engine?: EngineName): Promise<DecodeOutcome> {
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const transfer: Transferable[] = frame instanceof ImageBitmap ? [frame] : [frame.data.buffer];
      this.post({ type: 'decode', id, frame, formats, ...(engine ? { engine } : {}) }, transfer);
    });
  }

  private post(message: WorkerRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}
