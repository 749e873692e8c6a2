import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import { apiClient } from '../api/api';

export type IncidentKinds = ApiOutput<'getIncidentKinds'>['kinds'];

let kindsCache: IncidentKinds | null = null;

/** The incident kinds (the organisation's list), asked once: it does not change during the day. */
export function useIncidentKinds(): { kinds: IncidentKinds | null; error: string | null } {
  const [state, setState] = useState<{ kinds: IncidentKinds | null; error: string | null }>({ kinds: kindsCache, error: null });
  useEffect(() => {
    if (kindsCache) return undefined;
    let live = true;
    void apiClient()
      .getIncidentKinds({})
      .then((answer) => {
        if (answer.ok) kindsCache = answer.value.kinds;
        if (live) setState(answer.ok ? { kinds: answer.value.kinds, error: null } : { kinds: null, error: answer.error.message });
      });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
