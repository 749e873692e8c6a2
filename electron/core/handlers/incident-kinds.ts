import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import { incidentKindsFileSchema, type IncidentKind } from '../../../shared/record/incidents';
import type { CoreEnvironment } from '../core-context';

export const INCIDENT_KINDS_FILE = 'incident-kinds.json';

type Loaded = { ok: true; kinds: IncidentKind[] } | { ok: false; problem: string };

function load(file: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: error instanceof SyntaxError ? 'not valid JSON' : 'unreadable' };
  }
  const parsed = incidentKindsFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: `bad shape at ${parsed.error.issues[0]?.path.map(String).join('.') ?? '?'}` };
  return { ok: true, kinds: parsed.data.kinds };
}

/**
 * The incident kinds (违纪、舞弊 类别): the organisation's copy (<data>/incident-kinds.json) when it is
 * valid, else the shipped list, like the announcements; a bad copy is named once in the log.
 */
export function incidentKindsReader(env: CoreEnvironment): () => ApiResult<IncidentKind[]> {
  const warned = new Set<string>();
  const warnOnce = (line: string): void => {
    if (warned.has(line)) return;
    warned.add(line);
    console.warn(line);
  };
  return () => {
    const override = join(env.dataDir, INCIDENT_KINDS_FILE);
    if (existsSync(override)) {
      const loaded = load(override);
      if (loaded.ok) return ok(loaded.kinds);
      warnOnce(`examday core: ${INCIDENT_KINDS_FILE} in the data folder ignored (${loaded.problem}); using the shipped list`);
    }
    if (env.resourcesDir === undefined) return err('not-found', '找不到违纪类别表（程序资源目录未设置）');
    const loaded = load(join(env.resourcesDir, 'incident-kinds', INCIDENT_KINDS_FILE));
    if (!loaded.ok) {
      warnOnce(`examday core: shipped ${INCIDENT_KINDS_FILE} unusable (${loaded.problem})`);
      return err('not-found', '找不到违纪类别表，请重新安装程序');
    }
    return ok(loaded.kinds);
  };
}
