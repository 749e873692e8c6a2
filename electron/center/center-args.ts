import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/default-data-dir';

export interface CenterArgs {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  tls: { keyPem: string; certPem: string } | undefined;
  trustProxy: boolean;
}

export const CENTER_DEFAULT_PORT = 5800;

/**
 * `npm run center -- [--data DIR] [--database postgres://…] [--host ADDR] [--port N]
 * [--tls-cert FILE --tls-key FILE] [--trust-proxy]`. Without --database the embedded store lives in
 * DIR (default: the app's data folder's sibling ExamDay-center). Listens on loopback unless told
 * otherwise: on a network, give a certificate or put it behind a TLS-ending reverse proxy.
 */
export function parseCenterArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CenterArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      database: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? CENTER_DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口无效：${values.port}`);
  const databaseUrl = values.database ?? env.EXAMDAY_CENTER_DATABASE;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('--database 应为 postgres://用户@主机:端口/库名');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert 与 --tls-key 须同时给出');
  const tls =
    values['tls-cert'] && values['tls-key'] ? { certPem: readFileSync(values['tls-cert'], 'utf8'), keyPem: readFileSync(values['tls-key'], 'utf8') } : undefined;
  return {
    dataDir: values.data ?? join(defaultDataDir(), '..', 'ExamDay-center'),
    databaseUrl,
    host: values.host ?? '127.0.0.1',
    port,
    tls,
    trustProxy: values['trust-proxy'] === true,
  };
}
