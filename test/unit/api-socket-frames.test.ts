import { describe, expect, it } from 'vitest';
import { CLOSE, encodeFrame, FrameReader, OPCODE, SocketProtocolError } from '../../electron/server/ws-frames';
import { clientFrame } from '../support/ws-client-frames';

const text = (s: string) => Buffer.from(s, 'utf8');

function protocolError(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SocketProtocolError) return error.code;
    throw error;
  }
  return undefined;
}

describe('the API socket frame reader', () => {
  it('reads masked text frames of every length encoding, also split across chunks', () => {
    for (const size of [0, 5, 125, 126, 300, 70_000]) {
      const message = '考'.repeat(Math.floor(size / 3)) + 'x'.repeat(size % 3);
      const bytes = clientFrame(OPCODE.text, text(message));
      const reader = new FrameReader(1024 * 1024);
      const events = [];
      for (let i = 0; i < bytes.length; i += 7) events.push(...reader.push(bytes.subarray(i, i + 7)));
      expect(events, `size ${size}`).toEqual([{ kind: 'text', text: message }]);
    }
  });

  it('reads two frames arriving in one chunk, and a message in fragments with a ping between them', () => {
    const reader = new FrameReader(1024);
    const both = Buffer.concat([clientFrame(OPCODE.text, text('{"a":1}')), clientFrame(OPCODE.text, text('{"b":2}'))]);
    expect(reader.push(both)).toEqual([
      { kind: 'text', text: '{"a":1}' },
      { kind: 'text', text: '{"b":2}' },
    ]);
    const parts = Buffer.concat([
      clientFrame(OPCODE.text, text('准考'), false),
      clientFrame(OPCODE.ping, text('hi')),
      clientFrame(OPCODE.continuation, text('证号')),
    ]);
    expect(reader.push(parts)).toEqual([
      { kind: 'ping', payload: text('hi') },
      { kind: 'text', text: '准考证号' },
    ]);
    expect(reader.push(clientFrame(OPCODE.close, Buffer.from([0x03, 0xe8])))).toEqual([{ kind: 'close' }]);
  });

  it('refuses unmasked, binary, oversized, non-UTF-8 and out-of-order frames', () => {
    const unmasked = encodeFrame(OPCODE.text, text('hi'));
    expect(protocolError(() => new FrameReader(1024).push(unmasked))).toBe(CLOSE.protocolError);
    expect(protocolError(() => new FrameReader(1024).push(clientFrame(OPCODE.binary, text('hi'))))).toBe(CLOSE.unsupportedData);
    expect(protocolError(() => new FrameReader(100).push(clientFrame(OPCODE.text, Buffer.alloc(101, 0x61))))).toBe(CLOSE.tooBig);
    // The length alone gives it away: nothing is buffered waiting for a body that will be refused.
    expect(protocolError(() => new FrameReader(100).push(clientFrame(OPCODE.text, Buffer.alloc(70_000, 0x61)).subarray(0, 10)))).toBe(CLOSE.tooBig);
    const fragmented = new FrameReader(100);
    fragmented.push(clientFrame(OPCODE.text, Buffer.alloc(60, 0x61), false));
    expect(protocolError(() => fragmented.push(clientFrame(OPCODE.continuation, Buffer.alloc(60, 0x61))))).toBe(CLOSE.tooBig);
    expect(protocolError(() => new FrameReader(1024).push(clientFrame(OPCODE.text, Buffer.from([0xc3, 0x28]))))).toBe(CLOSE.invalidPayload);
    expect(protocolError(() => new FrameReader(1024).push(clientFrame(OPCODE.continuation, text('x'))))).toBe(CLOSE.protocolError);
    const compressed = clientFrame(OPCODE.text, text('x'));
    compressed[0] = compressed[0]! | 0x40;
    expect(protocolError(() => new FrameReader(1024).push(compressed))).toBe(CLOSE.protocolError);
    expect(protocolError(() => new FrameReader(1024).push(clientFrame(OPCODE.ping, Buffer.alloc(126))))).toBe(CLOSE.protocolError);
  });

  it('writes unmasked frames with the shortest length encoding', () => {
    expect([...encodeFrame(OPCODE.text, text('ok')).subarray(0, 2)]).toEqual([0x81, 2]);
    expect([...encodeFrame(OPCODE.text, Buffer.alloc(300)).subarray(0, 4)]).toEqual([0x81, 126, 1, 44]);
    const big = encodeFrame(OPCODE.text, Buffer.alloc(70_000));
    expect(big[1]).toBe(127);
    expect(big.readBigUInt64BE(2)).toBe(70_000n);
  });
});
