import type { Server } from 'node:http';
import type { DeviceKey } from '../core/device-key';
import { SignaturePool } from '../core/signature-pool';
import { loadCenterKey } from './center-identity';
import { createCenterServer, type CenterServerOptions } from './http/center-server';
import { CenterIngest } from './ingest';
import { centerWebHandler } from './http/web-api';
import type { CenterStore } from './store/center-store';
import { PostgresCenterStore } from './store/postgres-center-store';
import { SqliteCenterStore } from './store/sqlite-center-store';

export interface CenterApp {
  store: CenterStore;
  key: DeviceKey;
  ingest: CenterIngest;
  server: Server;
  close(): Promise<void>;
}

export interface CenterAppOptions {
  /** postgres://… ; absent: the embedded store in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  now?: () => Date;
  tls?: CenterServerOptions['tls'];
  trustProxy?: boolean;
  /** The built page (dist/renderer with center.html); omitted serves the API only. */
  rendererDir?: string;
}

/** Opens the center's store (PostgreSQL when given a URL, else the embedded file) and builds its server, not yet listening. */
export async function openCenterStore(options: { databaseUrl?: string; dataDir: string }): Promise<CenterStore> {
  return options.databaseUrl ? PostgresCenterStore.open(options.databaseUrl) : SqliteCenterStore.open(options.dataDir);
}

export async function openCenterApp(options: CenterAppOptions): Promise<CenterApp> {
  const store = await openCenterStore(options);
  const now = options.now ?? (() => new Date());
  const key = await loadCenterKey(store);
  const pool = new SignaturePool();
  const ingest = new CenterIngest(store, key, pool, now);
  const web = centerWebHandler({
    store,
    key,
    ingest,
    now,
    tls: options.tls !== undefined,
    trustProxy: options.trustProxy ?? false,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
  });
  const server = createCenterServer({
    site: { store, key, ingest, now },
    web,
    ...(options.tls ? { tls: options.tls } : {}),
    trustProxy: options.trustProxy ?? false,
  });
  return {
    store,
    key,
    ingest,
    server,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await pool.close();
      await store.close();
    },
  };
}
