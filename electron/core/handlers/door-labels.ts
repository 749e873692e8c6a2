import type { ProjectionStore } from '../../../shared/projection/store';

/** A room as messages name it: its name (第2考场), else its number. */
export function roomDisplayLabel(store: ProjectionStore, roomNo: string): string {
  return store.getRoom(roomNo)?.name ?? `第${roomNo}考场`;
}
