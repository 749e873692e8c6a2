/// <reference lib="webworker" />
import { greenChannel, type GreyFrame } from './luminance';

/**
 * Frames wider than this are scaled down before decoding (points are scaled back). A door camera
 * gives 1280×720 (use-camera.ts) and is decoded at that size: at 800 pixels wide a card held at
 * arm's length was read in 36 of 104 frames of camera-bench.ts, at 1280 in 57.
 */
export const DECODE_MAX_WIDTH = 1280;

/** Four bytes a pixel, green the second in each. */
const FOUR_BYTE = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);
/** Formats whose first plane is the luminance itself (a camera's own frames). */
const LUMA_FIRST = new Set(['I420', 'I420A', 'I422', 'I444', 'NV12']);

let grey = new Uint8Array(0);
let copied = new Uint8Array(0);
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function greyBuffer(size: number): Uint8Array {
  if (grey.length < size) grey = new Uint8Array(size);
  return grey.subarray(0, size);
}

/**
 * Copies the frame's pixels straight out of its memory with WebCodecs: one copy, where the canvas
 * (drawImage, then getImageData) makes two and took 2.6 ms against 1.0 ms on a 1280×720 frame.
 * Null when the frame's format is not one read here (the canvas then does it).
 */
async function viaVideoFrame(bitmap: ImageBitmap): Promise<GreyFrame | null> {
  const frame = new VideoFrame(bitmap, { timestamp: 0 });
  try {
    const format = frame.format ?? '';
    const fourByte = FOUR_BYTE.has(format);
    if (!fourByte && !LUMA_FIRST.has(format)) return null;
    const { codedWidth: width, codedHeight: height } = frame;
    if (frame.visibleRect && (frame.visibleRect.width !== width || frame.visibleRect.height !== height)) return null;
    const size = frame.allocationSize();
    if (copied.length < size) copied = new Uint8Array(size);
    const layout = await frame.copyTo(copied);
    const plane = layout[0];
    if (!plane) return null;
    const out = greyBuffer(width * height);
    if (fourByte) {
      if (plane.stride !== width * 4) return null;
      greenChannel(copied.subarray(plane.offset, plane.offset + width * height * 4), out);
    } else {
      for (let y = 0; y < height; y += 1) out.set(copied.subarray(plane.offset + y * plane.stride, plane.offset + y * plane.stride + width), y * width);
    }
    return { data: out, width, height };
  } finally {
    frame.close();
  }
}

function viaCanvas(bitmap: ImageBitmap, width: number, height: number): GreyFrame {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('OffscreenCanvas 2D is not available');
  context.drawImage(bitmap, 0, 0, width, height);
  return { data: greenChannel(context.getImageData(0, 0, width, height).data, greyBuffer(width * height)), width, height };
}

/**
 * The frame's brightness, one byte a pixel (the buffer is reused for the next frame), and the
 * factor from its pixels back to the frame's own coordinates. Both engines read one byte a pixel,
 * so the frame is converted once here and no RGBA copy is handed on (zxing-wasm would convert it
 * again in its own loop). A camera's own frames (I420, NV12) give their luminance plane as it is.
 * Closes the bitmap.
 */
export async function framePixels(frame: ImageBitmap | ImageData): Promise<{ image: GreyFrame; scale: number }> {
  if (!(frame instanceof ImageBitmap)) {
    return { image: { data: greenChannel(frame.data, greyBuffer(frame.width * frame.height)), width: frame.width, height: frame.height }, scale: 1 };
  }
  try {
    if (frame.width <= DECODE_MAX_WIDTH && typeof VideoFrame === 'function') {
      const image = await viaVideoFrame(frame);
      if (image) return { image, scale: 1 };
    }
    const scale = frame.width > DECODE_MAX_WIDTH ? frame.width / DECODE_MAX_WIDTH : 1;
    return { image: viaCanvas(frame, Math.round(frame.width / scale), Math.round(frame.height / scale)), scale };
  } finally {
    frame.close();
  }
}
