import { join } from 'node:path';

export interface NativeBindingContext {
  isPackaged: boolean;
  projectRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
  /** better-sqlite3-multiple-ciphers' package.json name and version: the folder is built for that one. */
  sqlitePackage: { name: string; version: string };
}

/**
 * Where the Electron-ABI better_sqlite3.node lives. From a source checkout it is the copy
 * electron/scripts/electron-native.mjs builds into .native/ (same layout there), so the Node build
 * in node_modules/better-sqlite3-multiple-ciphers/build that tests load is never overwritten. The
 * package's name and version are in the folder's name, so a plain better-sqlite3 build an earlier
 * checkout left there (no encryption) is never loaded. A packaged app gets undefined: electron-builder
 * rebuilt the package for Electron (npmRebuild) and unpacked it from the asar, so it finds its own binary.
 */
export function electronNativeBinding(ctx: NativeBindingContext): string | undefined {
  if (ctx.isPackaged) return undefined;
  const folder = `${ctx.sqlitePackage.name}-${ctx.sqlitePackage.version}-electron-${ctx.electronVersion}-${ctx.platform}-${ctx.arch}`;
  return join(ctx.projectRoot, '.native', folder, 'better_sqlite3.node');
}
