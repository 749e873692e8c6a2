import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCenterArgs } from './center-args';
import { openCenterApp } from './center-app';
import { listen } from './http/center-server';

/** `npm run center`: the center's server, headless. Ends on SIGINT/SIGTERM after closing the store. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseCenterArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  // dist/center.js sits beside dist/renderer (npm run build); without it the center serves the site exchange and the API only.
  const rendererDir = join(__dirname, 'renderer');
  const pageBuilt = existsSync(join(rendererDir, 'center.html'));
  const app = await openCenterApp({
    dataDir: args.dataDir,
    ...(args.databaseUrl ? { databaseUrl: args.databaseUrl } : {}),
    ...(args.tls ? { tls: args.tls } : {}),
    trustProxy: args.trustProxy,
    ...(pageBuilt ? { rendererDir } : {}),
  });
  const port = await listen(app.server, args.port, args.host);
  const scheme = args.tls ? 'https' : 'http';
  console.log('ExamDay 中心 / center');
  console.log(`存储 / store: ${app.store.kind === 'postgres' ? 'PostgreSQL' : `嵌入式 / embedded (${args.dataDir})`}`);
  console.log(`中心设备编号 / center device id: ${app.key.deviceId}`);
  if (!args.tls && args.host !== '127.0.0.1' && args.host !== 'localhost') {
    console.log('注意：未启用 TLS，只应在终止 TLS 的反向代理之后使用 / no TLS: use only behind a TLS-ending reverse proxy');
  }
  if (!pageBuilt) console.log('审核页面未构建，只提供同步与接口（npm run build） / page not built: API only');
  console.log(`listening on ${scheme}://${args.host}:${port}/`);
  const shutdown = (): void => {
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`中心无法启动：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
