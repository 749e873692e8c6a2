import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * Electron's main process keeps windows, menus, printing and the keystore; the core (its SQLite
 * database, handlers and imports) runs in the utility process (electron/core-process/). Proved on
 * the module graph esbuild bundles for each, with the options electron/scripts/bundle.mjs uses.
 */

const ROOT = resolve(__dirname, '..', '..');
const SQLITE = 'better-sqlite3-multiple-ciphers';

async function graphOf(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', SQLITE],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  const metafile: Metafile = result.metafile;
  const externals = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((imported) => imported.external && imported.kind !== 'require-resolve').map((imported) => imported.path),
  );
  return { inputs: Object.keys(metafile.inputs), externals };
}

const CORE_MODULES = [
  'electron/core/core-host.ts',
  'electron/core/core.ts',
  'electron/core/database.ts',
  'electron/core/data-dir-lock.ts',
  'electron/core/handlers.ts',
  'electron/core/dispatch.ts',
  'electron/core-process/core-process.ts',
];

describe('the Electron process boundary', () => {
  it('keeps the core and SQLite out of the main process', async () => {
    const main = await graphOf('electron/main/main.ts');
    for (const module of CORE_MODULES) expect(main.inputs, module).not.toContain(module);
    expect(main.inputs).toContain('electron/core-process/core-client.ts');
    expect(main.externals).not.toContain(SQLITE);
    expect(main.externals).toContain('electron');
  });

  it('puts the core, and SQLite, in the utility process, which never loads electron', async () => {
    const core = await graphOf('electron/core-process/core-main.ts');
    for (const module of CORE_MODULES) expect(core.inputs, module).toContain(module);
    expect(core.externals).toContain(SQLITE);
    expect(core.externals).not.toContain('electron');
  });
});
