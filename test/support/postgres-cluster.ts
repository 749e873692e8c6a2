import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemDeps, postgresBinDir } from './system-deps.mjs';

/**
 * A throw-away PostgreSQL server for the center's tests: Debian's server binaries (installed by
 * system-deps.mjs when missing, as `npm test` does for Chromium), a cluster initdb'd into a
 * temporary folder, pg_ctl on a free loopback port, trust authentication for loopback only, and
 * everything stopped and removed by `stop()`. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` system user the Debian package creates.
 */
export interface PostgresCluster {
  /** postgres://… for the database `examday` on the cluster. */
  url: string;
  port: number;
  /** A fresh, empty database on the same cluster (each test file may want its own). */
  createDatabase(name: string): string;
  stop(): void;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], asPostgres: boolean): void {
  const [command, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export interface ClusterOptions {
  /** fsync and synchronous commit on, as a real server runs (benchmarks); tests run without them. */
  durable?: boolean;
  /** Where the cluster's folder goes (a benchmark's real disk); default the OS temp folder. */
  parentDir?: string;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  let bin = postgresBinDir();
  if (!bin) {
    const deps = ensureSystemDeps();
    if (!deps.ok) throw new Error(deps.message);
    bin = postgresBinDir();
    if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql after installing');
  }
  const asPostgres = isRoot();
  const folder = mkdtempSync(join(options.parentDir ?? tmpdir(), 'examday-pg-'));
  const data = join(folder, 'data');
  if (asPostgres) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(folder, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  const port = await freePort();
  const user = 'examday';
  run(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', ...(options.durable ? [] : ['--no-sync'])], asPostgres);
  // Loopback only, the socket inside the folder; for tests fsync off: a cluster thrown away afterwards.
  const durability = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c max_connections=200${durability}`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(folder, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start'], asPostgres);
  const psql = (sql: string): void => run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql], false);
  const urlOf = (name: string): string => `postgres://${user}@127.0.0.1:${port}/${name}`;
  psql('CREATE DATABASE examday');
  let stopped = false;
  return {
    url: urlOf('examday'),
    port,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      psql(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
