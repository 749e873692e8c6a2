import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Bundles a TypeScript entry into a runnable script inside the project, so node_modules resolve. In the
 * checkout, not node_modules/.cache: checkouts that share one node_modules (worktrees) would run each
 * other's builds (an e2e run was seeded by another branch's newer migrations).
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
    external: ['better-sqlite3-multiple-ciphers', 'pdfkit', 'fontkit'],
    logLevel: 'warning',
  });
  return outfile;
}
