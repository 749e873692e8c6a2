import { refuse } from '../../../shared/api/refusal';
import { ok, type ApiResult } from '../../../shared/api/result';
import { SYSTEM_ACTOR, type Actor } from '../../../shared/domain/types';
import type { ProjectionStore } from '../../../shared/projection/store';

/**
 * Who an office setup step is recorded as: the named staff member when given (and on the list), else
 * the system, since before the first import there is nobody on the list to name.
 */
export function setupActor(store: ProjectionStore, actorStaffId: string | undefined): ApiResult<Actor> {
  if (actorStaffId === undefined) return ok(SYSTEM_ACTOR);
  const staff = store.getStaff(actorStaffId);
  if (!staff) return refuse('staff-unknown');
  return ok({ staffId: staff.staffId, name: staff.name, role: staff.role });
}
