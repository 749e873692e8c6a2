/**
 * The little of RFC 6455 the API socket needs, with no dependency: reading a browser's frames
 * (always masked, text only, possibly fragmented or split across TCP chunks) and writing the
 * server's (never masked). No extensions are offered, so compressed (RSV) frames are an error.
 */

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Close codes the reader may end with. */
export const CLOSE = { normal: 1000, protocolError: 1002, unsupportedData: 1003, invalidPayload: 1007, policy: 1008, tooBig: 1009 } as const;

export type FrameEvent = { kind: 'text'; text: string } | { kind: 'ping'; payload: Buffer } | { kind: 'pong' } | { kind: 'close' };

/** A frame the peer should not have sent: the caller closes the socket with `code`. */
export class SocketProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private inMessage = false;

  constructor(private readonly maxMessageBytes: number) {}

  /** Feeds bytes as they arrive; returns every frame they complete. Throws SocketProtocolError. */
  push(chunk: Buffer): FrameEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: FrameEvent[] = [];
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return events;
      const event = this.take(frame.opcode, frame.fin, frame.payload);
      if (event) events.push(event);
    }
  }

  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | undefined {
    const buf = this.pending;
    if (buf.length < 2) return undefined;
    const b0 = buf[0]!;
    const b1 = buf[1]!;
    if ((b0 & 0x70) !== 0) throw new SocketProtocolError(CLOSE.protocolError, 'reserved bits set');
    if ((b1 & 0x80) === 0) throw new SocketProtocolError(CLOSE.protocolError, 'unmasked client frame');
    let length = b1 & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buf.length < 4) return undefined;
      length = buf.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buf.length < 10) return undefined;
      const long = buf.readBigUInt64BE(2);
      if (long > BigInt(this.maxMessageBytes)) throw new SocketProtocolError(CLOSE.tooBig, 'message too big');
      length = Number(long);
      offset = 10;
    }
    if (length > this.maxMessageBytes) throw new SocketProtocolError(CLOSE.tooBig, 'message too big');
    if (buf.length < offset + 4 + length) return undefined;
    const mask = buf.subarray(offset, offset + 4);
    const payload = Buffer.from(buf.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i += 1) payload[i] = payload[i]! ^ mask[i & 3]!;
    this.pending = buf.subarray(offset + 4 + length);
    return { fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload };
  }

  private take(opcode: number, fin: boolean, payload: Buffer): FrameEvent | undefined {
    if (opcode >= 0x8) {
      if (!fin || payload.length > 125) throw new SocketProtocolError(CLOSE.protocolError, 'bad control frame');
      if (opcode === OPCODE.close) return { kind: 'close' };
      if (opcode === OPCODE.ping) return { kind: 'ping', payload };
      if (opcode === OPCODE.pong) return { kind: 'pong' };
      throw new SocketProtocolError(CLOSE.protocolError, 'unknown opcode');
    }
    if (opcode === OPCODE.binary) throw new SocketProtocolError(CLOSE.unsupportedData, 'binary frames are not used');
    if (opcode === OPCODE.text) {
      if (this.inMessage) throw new SocketProtocolError(CLOSE.protocolError, 'new message inside a fragmented one');
      this.inMessage = true;
    } else if (opcode !== OPCODE.continuation || !this.inMessage) {
      throw new SocketProtocolError(CLOSE.protocolError, 'unexpected frame');
    }
    this.partsBytes += payload.length;
    if (this.partsBytes > this.maxMessageBytes) throw new SocketProtocolError(CLOSE.tooBig, 'message too big');
    this.parts.push(payload);
    if (!fin) return undefined;
    const whole = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.partsBytes = 0;
    this.inMessage = false;
    try {
      return { kind: 'text', text: utf8.decode(whole) };
    } catch {
      throw new SocketProtocolError(CLOSE.invalidPayload, 'text is not UTF-8');
    }
  }
}

/** One unfragmented, unmasked frame (server to browser). */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 0x10000 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = length;
  } else if (length < 0x10000) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** A close frame with its status code. */
export function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return encodeFrame(OPCODE.close, payload);
}
