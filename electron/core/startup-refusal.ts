/**
 * Why the core will not open a data folder, worded for the person who started it: one line of
 * Chinese saying what happened and what to do. The server, the CLI and Electron print it as it is,
 * without a stack trace.
 */
export class StartupRefusal extends Error {
  override readonly name = 'StartupRefusal';
}

/** The one line to print when opening the data folder failed: the refusal itself, or the error's first line. */
export function startupErrorLine(error: unknown, dataDir: string): string {
  if (error instanceof StartupRefusal) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `无法打开数据目录 ${dataDir}：${message.split('\n')[0] ?? message}`;
}
