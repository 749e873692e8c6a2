import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback that misbehaves like a bad site LAN: it delays chunks, and cuts a share
 * of connections after a random number of bytes (mid-handshake, mid-request or mid-answer). TLS
 * runs through it end to end, so it cannot duplicate or reorder what is inside a connection; the
 * sync client's request-level fault injector (fault-caller.ts) does that.
 */
export interface FaultProxyOptions {
  targetPort: number;
  /** Share of connections cut somewhere in their first `cutWithinBytes` bytes (0..1). */
  cutShare: number;
  cutWithinBytes: number;
  /** Share of chunks held back by up to `maxDelayMs`. */
  delayShare: number;
  maxDelayMs: number;
  random: () => number;
}

export interface FaultProxy {
  port: number;
  stats: { connections: number; cut: number; delayedChunks: number };
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const stats = { connections: 0, cut: 0, delayedChunks: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    stats.connections += 1;
    const upstream = connect({ host: '127.0.0.1', port: options.targetPort });
    sockets.add(client);
    sockets.add(upstream);
    const cutAt = options.random() < options.cutShare ? Math.floor(options.random() * options.cutWithinBytes) : Infinity;
    let carried = 0;
    let chain = Promise.resolve();
    const pipe = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        chain = chain.then(async () => {
          if (to.destroyed) return;
          if (options.random() < options.delayShare) {
            stats.delayedChunks += 1;
            await new Promise((resolve) => setTimeout(resolve, Math.floor(options.random() * options.maxDelayMs)));
          }
          carried += chunk.length;
          if (carried >= cutAt) {
            stats.cut += 1;
            const keep = chunk.subarray(0, Math.max(0, chunk.length - (carried - cutAt)));
            if (keep.length > 0 && !to.destroyed) to.write(keep);
            client.destroy();
            upstream.destroy();
            return;
          }
          if (!to.destroyed) to.write(chunk);
        });
      });
      from.on('end', () => void chain.then(() => to.end()));
    };
    pipe(client, upstream);
    pipe(upstream, client);
    for (const socket of [client, upstream]) {
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
