import { ok, type ApiResult } from '../../../shared/api/result';
import { incidentKindsFileSchema, type IncidentKind } from '../../../shared/record/incidents';
import type { CoreEnvironment } from '../core-context';
import { organisationResourceReader } from '../organisation-resource';

export const INCIDENT_KINDS_FILE = 'incident-kinds.json';

/**
 * The incident kinds (违纪、舞弊 类别): the organisation's copy (<data>/incident-kinds.json) when it is
 * valid, else the shipped list, like the announcements; a bad copy is named once in the log.
 */
export function incidentKindsReader(env: CoreEnvironment): () => ApiResult<IncidentKind[]> {
  const read = organisationResourceReader(env, { file: INCIDENT_KINDS_FILE, folder: 'incident-kinds', schema: incidentKindsFileSchema, nameZh: '违纪类别表' });
  return () => {
    const loaded = read();
    return loaded.ok ? ok(loaded.value.kinds) : loaded;
  };
}
