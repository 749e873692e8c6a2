import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { err, ok, type ApiResult } from '../../shared/api/result';
import type { CoreEnvironment } from './core-context';

type Loaded<T> = { ok: true; value: T } | { ok: false; problem: string };

function load<T>(file: string, schema: z.ZodType<T>): Loaded<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: error instanceof SyntaxError ? 'not valid JSON' : 'unreadable' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: `bad shape at ${parsed.error.issues[0]?.path.map(String).join('.') ?? '?'}` };
  return { ok: true, value: parsed.data };
}

export interface OrganisationResource<T> {
  /** The file's name, in the data folder (the organisation's copy) and in resources/<folder>/ (shipped). */
  file: string;
  folder: string;
  schema: z.ZodType<T>;
  /** What the screens call it, in Chinese, for the refusal when neither copy can be read. */
  nameZh: string;
}

/**
 * A file shipped in resources/ that an organisation may replace with its own copy in the data folder
 * (the announcements, the incident kinds): its copy wins when it is valid; a bad one falls back to the
 * shipped file and says so once in the log (the line quotes nothing of the file).
 */
export function organisationResourceReader<T>(env: CoreEnvironment, resource: OrganisationResource<T>): () => ApiResult<T> {
  const warned = new Set<string>();
  const warnOnce = (line: string): void => {
    if (warned.has(line)) return;
    warned.add(line);
    console.warn(line);
  };
  return () => {
    const override = join(env.dataDir, resource.file);
    if (existsSync(override)) {
      const loaded = load(override, resource.schema);
      if (loaded.ok) return ok(loaded.value);
      warnOnce(`examday core: ${resource.file} in the data folder ignored (${loaded.problem}); using the shipped one`);
    }
    if (env.resourcesDir === undefined) return err('not-found', `找不到${resource.nameZh}（程序资源目录未设置）`);
    const loaded = load(join(env.resourcesDir, resource.folder, resource.file), resource.schema);
    if (!loaded.ok) {
      warnOnce(`examday core: shipped ${resource.file} unusable (${loaded.problem})`);
      return err('not-found', `找不到${resource.nameZh}，请重新安装程序`);
    }
    return ok(loaded.value);
  };
}
