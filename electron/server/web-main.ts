import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openCoreHost, type CoreHost } from '../core/core-host';
import { defaultDataDir } from '../core/default-data-dir';
import { startupErrorLine } from '../core/startup-refusal';
import { parseWebArgs } from './args';
import { createApiServer } from './http-api';

/** dist/server.js sits one level below the project root (or the app's resources). */
const ROOT = join(__dirname, '..');

function main(): void {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  let host: CoreHost;
  try {
    host = openCoreHost({
      dataDir,
      program: 'browser-server',
      sampleDayFile: join(ROOT, 'resources', 'sample-day', 'sample-day.json'),
      resourcesDir: join(ROOT, 'resources'),
      ...(args.sampleStart === undefined ? {} : { sampleStart: args.sampleStart }),
      ...(args.clock === undefined ? {} : { clock: args.clock }),
    });
  } catch (error) {
    // A refusal is one line for the person who started the server; a stack trace helps nobody here.
    console.error(startupErrorLine(error, dataDir));
    process.exit(1);
  }
  const token = randomBytes(32).toString('base64url');
  const server = createApiServer({ handlers: host.handlers, rendererDir: join(ROOT, 'dist', 'renderer'), token });

  const listen = (port: number): void => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && port !== 0) {
        listen(0);
        return;
      }
      console.error(`无法启动本地服务：${error.message}`);
      process.exit(1);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      console.log(`ExamDay 考务现场 — 浏览器模式 / browser mode`);
      console.log(`数据目录 / data: ${dataDir}`);
      if (args.clock) console.log(`模拟时钟 / virtual clock: ${new Date(args.clock.anchorVirtualMs).toString()} ×${args.clock.speed}`);
      console.log(`在浏览器中打开 / open: http://127.0.0.1:${actualPort}/#token=${token}`);
    });
  };
  listen(args.port);

  const shutdown = (): void => {
    server.close();
    host.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main();
