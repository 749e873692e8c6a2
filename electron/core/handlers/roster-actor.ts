import type { ApiResult } from '../../../shared/api/result';
import type { Actor } from '../../../shared/domain/types';
import type { ProjectionStore } from '../../../shared/projection/store';
import { setupActor } from './setup-actor';

/**
 * Who a roster change (add, correct, withdraw, re-import) is recorded as: for now the signed-in office
 * person, as setup steps are. The one place to switch when roster changes need badge and PIN proof.
 */
export function rosterActor(store: ProjectionStore, actorStaffId: string | undefined): ApiResult<Actor> {
  return setupActor(store, actorStaffId);
}
