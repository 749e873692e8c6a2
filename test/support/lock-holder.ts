// A child process for the data-folder lock test: opens the folder as the browser-mode server does,
// says READY, and keeps it open until the parent kills it (SIGKILL, to prove the OS drops the lock).
import { writeSync } from 'node:fs';
import { openCoreHost } from '../../electron/core/core-host';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: lock-holder DATA_DIR');
const host = openCoreHost({ dataDir, program: 'browser-server' });
writeSync(1, `READY ${process.pid} ${host.real.deviceId}\n`);
setInterval(() => host.real.store.getPlan(), 60_000);
