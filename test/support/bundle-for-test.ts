import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Bundles a TypeScript entry into a runnable script inside the project, so node_modules resolve.
 * In the checkout, not node_modules/.cache: worktrees share one node_modules, and a sibling's run
 * would overwrite the script between this run's bundling and its use.
 */
export async function bundleForTest(entry: string, name: string): Promise<string> {
  const outDir = join(ROOT, '.test-build');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.cjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return outfile;
}
