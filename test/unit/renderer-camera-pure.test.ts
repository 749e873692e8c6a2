import { describe, expect, it } from 'vitest';
import { cameraProblem } from '../../renderer/src/camera/camera-errors';
import { DEFAULT_FORMATS, formatFromWasmName, normaliseFormats, planEngines } from '../../renderer/src/camera/formats';
import { FrameGate } from '../../renderer/src/camera/frame-gate';
import { RepeatFilter } from '../../renderer/src/camera/repeat-filter';

describe('RepeatFilter (same code within 3 s ignored)', () => {
  it('passes a code once while it stays in sight', () => {
    const filter = new RepeatFilter(3000);
    expect(filter.accept('20261105170101', 0)).toBe(true);
    expect(filter.accept('20261105170101', 100)).toBe(false);
    expect(filter.accept('20261105170101', 2900)).toBe(false);
    // Still seen every 2.9 s: still the same read.
    expect(filter.accept('20261105170101', 5800)).toBe(false);
  });

  it('passes the code again after it has been out of sight for the whole window', () => {
    const filter = new RepeatFilter(3000);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('A', 2999)).toBe(false);
    expect(filter.accept('A', 5999)).toBe(true);
  });

  it('passes a different code at once, and each keeps its own window', () => {
    const filter = new RepeatFilter(3000);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('B', 10)).toBe(true);
    expect(filter.accept('A', 20)).toBe(false);
    expect(filter.accept('B', 3500)).toBe(true);
  });

  it('forgets everything on reset', () => {
    const filter = new RepeatFilter(3000);
    filter.accept('A', 0);
    filter.reset();
    expect(filter.accept('A', 1)).toBe(true);
  });
});

describe('FrameGate (drop frames while the worker is busy, never queue)', () => {
  it('sends one frame, drops every frame until the answer, then sends again', () => {
    const gate = new FrameGate({ intervalMs: 100, staleAfterMs: 3000 });
    const first = gate.tryAcquire(0);
    expect(first).not.toBeNull();
    expect(gate.tryAcquire(150)).toBeNull();
    expect(gate.tryAcquire(300)).toBeNull();
    expect(gate.dropped).toBe(2);
    gate.release(first!);
    expect(gate.tryAcquire(310)).not.toBeNull();
  });

  it('keeps to the interval even when the worker answers fast', () => {
    const gate = new FrameGate({ intervalMs: 100 });
    gate.release(gate.tryAcquire(0)!);
    expect(gate.wouldAccept(50)).toBe(false);
    expect(gate.tryAcquire(50)).toBeNull();
    expect(gate.wouldAccept(100)).toBe(true);
    expect(gate.tryAcquire(100)).not.toBeNull();
  });

  it('gives up a frame never answered, and ignores its late answer', () => {
    const gate = new FrameGate({ intervalMs: 100, staleAfterMs: 1000 });
    const lost = gate.tryAcquire(0)!;
    expect(gate.tryAcquire(999)).toBeNull();
    const next = gate.tryAcquire(1000);
    expect(next).not.toBeNull();
    gate.release(lost);
    expect(gate.wouldAccept(1200)).toBe(false);
    gate.release(next!);
    expect(gate.wouldAccept(1200)).toBe(true);
  });
});

describe('format selection', () => {
  it('defaults to what the door reads: QR, Code 128 and Code 39', () => {
    expect(normaliseFormats(undefined)).toEqual(['qr-code', 'code-128', 'code-39']);
    expect(normaliseFormats([])).toEqual([...DEFAULT_FORMATS]);
    expect(normaliseFormats(['nonsense'])).toEqual([...DEFAULT_FORMATS]);
  });

  it('keeps only what the plan asks for, once each, unknown names dropped', () => {
    expect(normaliseFormats(['code-128', 'qr-code', 'code-128', 'aztec'])).toEqual(['qr-code', 'code-128']);
    expect(normaliseFormats(['ean-8'])).toEqual(['ean-8']);
  });

  it('sends each format to zxing-wasm when it runs, else everything to @zxing/library', () => {
    expect(planEngines(['qr-code', 'code-128'], new Set(['wasm', 'js']))).toEqual({ wasm: ['qr-code', 'code-128'], js: [] });
    expect(planEngines(['qr-code', 'pdf417'], new Set(['js']))).toEqual({ wasm: [], js: ['qr-code', 'pdf417'] });
  });

  it('lets a benchmark force one engine, and never plans an engine that is not running', () => {
    expect(planEngines(['qr-code'], new Set(['wasm', 'js']), 'js')).toEqual({ wasm: [], js: ['qr-code'] });
    expect(planEngines(['qr-code'], new Set(['js']), 'wasm')).toEqual({ wasm: [], js: [] });
  });

  it('maps zxing-wasm names back, Code 39 variants included', () => {
    expect(formatFromWasmName('QRCode')).toBe('qr-code');
    expect(formatFromWasmName('Code 128')).toBe('code-128');
    expect(formatFromWasmName('Code39Ext')).toBe('code-39');
    expect(formatFromWasmName('EAN-13')).toBe('ean-13');
    expect(formatFromWasmName('Aztec')).toBeUndefined();
  });
});

describe('camera problems', () => {
  const named = (name: string) => Object.assign(new Error(name), { name });
  it('tells no camera, permission denied and camera busy apart', () => {
    expect(cameraProblem(named('NotFoundError'))).toBe('no-camera');
    expect(cameraProblem(named('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(named('NotReadableError'))).toBe('busy');
    expect(cameraProblem(new TypeError('no getUserMedia'))).toBe('unsupported');
    expect(cameraProblem('odd')).toBe('failed');
  });
});
