import { z } from 'zod';
import { layoutForCapacity, snakeSeatOrder } from '../seating/snake-order';

/**
 * Re-verification at 开考 (附件5 8:30, 副监考 再次核对; issue 4 item 8): seat by seat in the snake order
 * from the door, each seated candidate marked verified, a suspected impostor (an incident for the room
 * record) or the seat found empty. The latest mark on a seat stands.
 */
export const REVERIFY_RESULTS = ['verified', 'suspected-impostor', 'seat-empty'] as const;
export type ReverifyResult = (typeof REVERIFY_RESULTS)[number];
export const reverifyResultSchema = z.enum(REVERIFY_RESULTS);

/** The seats to walk, in 附件3's snake order from the door: only seats a candidate of the roster holds. */
export function reverifyWalk(seatsWithCandidates: readonly number[], capacity: number): number[] {
  const taken = new Set(seatsWithCandidates);
  const size = Math.max(capacity, ...seatsWithCandidates, 1);
  return snakeSeatOrder(layoutForCapacity(size), size)
    .map((p) => p.seatNo)
    .filter((seatNo) => taken.has(seatNo));
}

/**
 * A suspected impostor is an incident on the room record (第二十五条 舞弊 may follow from it): it is
 * recorded only with what the proctor saw, never with one stray tap.
 */
export function reverifyNeedsNote(result: ReverifyResult): boolean {
  return result === 'suspected-impostor';
}
