import type { CameraFormat, EngineName } from './formats';

export interface CodePoint {
  x: number;
  y: number;
}

/** One code found in a frame; points are in the frame's pixels (corners, or the ends of a 1D scan line). */
export interface DecodedCode {
  text: string;
  format: CameraFormat;
  points: CodePoint[];
  engine: EngineName;
}

export type DecodeRequest = {
  type: 'decode';
  id: number;
  frame: ImageBitmap | ImageData;
  formats: CameraFormat[];
  /** Benchmarks only: read with this engine alone. */
  engine?: EngineName;
};

export type WorkerRequest = DecodeRequest | { type: 'init' };

export type WorkerReply =
  | { type: 'ready'; engines: EngineName[]; wasmError?: string }
  | {
      type: 'decoded';
      id: number;
      code: DecodedCode | null;
      /** Time spent in the worker on this frame, pixels out of the bitmap included. */
      ms: number;
      /** Of which getting the pixels out of the bitmap. */
      pixelsMs?: number;
      error?: string;
    };
