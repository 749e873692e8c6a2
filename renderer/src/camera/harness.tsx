/**
 * Test harness (camera-harness.html): the CameraScanner alone, for the camera e2e test and the
 * decoding benchmark. It calls no ExamDayApi method and holds no data. The page exposes
 * `window.examdayCameraHarness`: the codes reported so far, and `decodeUrl` to run an image
 * through the same decoder worker the scanner uses.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CameraScanner } from './CameraScanner';
import { DecoderClient, type DecodeOutcome, type WorkerStatus } from './decoder-client';
import type { EngineName } from './formats';

export interface DecodeUrlOptions {
  formats?: string[];
  engine?: EngineName;
  /** Draw the image centred, scaled to fit, on a frame of this size (a camera frame), first. */
  frame?: { width: number; height: number };
}

export interface CameraHarness {
  codes: string[];
  status(): Promise<WorkerStatus>;
  decodeUrl(url: string, options?: DecodeUrlOptions): Promise<DecodeOutcome & { width: number; height: number }>;
}

declare global {
  interface Window {
    examdayCameraHarness?: CameraHarness;
  }
}

let benchClient: DecoderClient | null = null;
const client = (): DecoderClient => (benchClient ??= new DecoderClient());

async function imageFor(url: string, frame?: { width: number; height: number }): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const image = await createImageBitmap(await response.blob());
  if (!frame) return image;
  const canvas = new OffscreenCanvas(frame.width, frame.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.fillStyle = '#808080';
  context.fillRect(0, 0, frame.width, frame.height);
  const scale = Math.min(frame.width / image.width, frame.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  context.drawImage(image, (frame.width - width) / 2, (frame.height - height) / 2, width, height);
  image.close();
  return canvas.transferToImageBitmap();
}

const codes: string[] = [];
window.examdayCameraHarness = {
  codes,
  status: () => client().ready,
  async decodeUrl(url, options = {}) {
    const bitmap = await imageFor(url, options.frame);
    const { width, height } = bitmap;
    const outcome = await client().decodeNow(bitmap, options.formats, options.engine);
    return { ...outcome, width, height };
  },
};

function Harness() {
  const [count, setCount] = useState(0);
  const formats = new URLSearchParams(window.location.search).get('formats')?.split(',');
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <CameraScanner
        {...(formats ? { formats } : {})}
        onCode={(text) => {
          codes.push(text);
          setCount(codes.length);
        }}
      />
      <p data-testid="harness-code-count">{count}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('camera-harness.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
