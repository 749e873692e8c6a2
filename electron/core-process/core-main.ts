import { parentPort } from 'node:worker_threads';
import { electronCorePort, nodeCorePort, type CorePort } from './core-port';
import { runCoreProcess } from './core-process';

/*
 * Entry of dist/electron/core.js. Electron's main process forks it as a utility process
 * (utilityProcess.fork), whose channel to main is process.parentPort; the same file also runs in a
 * node:worker_threads Worker (the tests, which have no Electron), whose channel is the worker's parentPort.
 */
function channelToMain(): CorePort | undefined {
  const electronPort = (process as { parentPort?: Parameters<typeof electronCorePort>[0] }).parentPort;
  if (electronPort) return electronCorePort(electronPort);
  return parentPort ? nodeCorePort(parentPort) : undefined;
}

const port = channelToMain();
if (!port) {
  console.error('考务核心只能由考务现场的主进程启动 / the core process is started by ExamDay\'s main process');
  process.exit(2);
}
runCoreProcess(port, (code) => process.exit(code));
