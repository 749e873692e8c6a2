import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Bundles a TypeScript entry into a runnable script inside the project, so node_modules resolve. */
export async function bundleForTest(entry: string, name: string): Promise<string> {
  const outDir = join(ROOT, 'node_modules', '.cache', 'examday-test');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.cjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'warning',
  });
  return outfile;
}
