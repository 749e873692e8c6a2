import { join } from 'node:path';

export interface NativeBindingContext {
  isPackaged: boolean;
  projectRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/**
 * Where the Electron-ABI better_sqlite3.node lives. From a source checkout it is the copy
 * electron/scripts/electron-native.mjs builds into .native/ (same layout there), so the Node build
 * in node_modules/better-sqlite3/build that tests load is never overwritten. A packaged app gets
 * undefined: electron-builder rebuilt better-sqlite3 for Electron (npmRebuild) and unpacked it from
 * the asar, so better-sqlite3 finds its own binary.
 */
export function electronNativeBinding(ctx: NativeBindingContext): string | undefined {
  if (ctx.isPackaged) return undefined;
  return join(ctx.projectRoot, '.native', `electron-${ctx.electronVersion}-${ctx.platform}-${ctx.arch}`, 'better_sqlite3.node');
}
