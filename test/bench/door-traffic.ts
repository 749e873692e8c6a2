import type { CheckinVerdictKind } from '../../shared/checkin/verdict';
import type { FixtureDay } from '../support/fixture-day';

/** One scan at a door, and what the core must answer (the benches check it, so the mix is what it says). */
export interface DoorScan {
  input: string;
  expected: CheckinVerdictKind;
}

/** An ID number one check digit off: the scanner misread it. */
function misread(idNumber: string): string {
  const last = idNumber.at(-1) === '0' ? '1' : '0';
  return idNumber.slice(0, 17) + last;
}

/**
 * A room's door traffic on a day whose plan asks for both documents (第十九条): every candidate of
 * the room comes in with 准考证 and ID card, half of them ticket first and half ID first; after
 * every fourth admission one refusal, taking turns: another room's candidate, an admitted candidate
 * back again, a misread ID, a 准考证号 not on the roster, and two candidates whose documents got
 * swapped. About nine scans in ten are admissions' halves.
 */
export function doorTraffic(day: FixtureDay, roomNo: string): DoorScan[] {
  const inRoom = day.candidates.filter((c) => c.roomNo === roomNo);
  // From the roster's far end: a room the benches never admit anyone in.
  const elsewhere = [...day.candidates].reverse().find((c) => c.roomNo !== roomNo);
  if (inRoom.length < 2 || !elsewhere) throw new Error(`room ${roomNo}: too few candidates for door traffic`);
  const scans: DoorScan[] = [];
  let refusal = 0;
  for (const [i, candidate] of inRoom.entries()) {
    if (i % 2 === 0) scans.push({ input: candidate.ticketNo, expected: 'awaiting-id' }, { input: candidate.idNumber, expected: 'admitted' });
    else scans.push({ input: candidate.idNumber, expected: 'awaiting-ticket' }, { input: candidate.ticketNo, expected: 'admitted' });
    if ((i + 1) % 4 !== 0) continue;
    const next = inRoom[i + 1];
    switch (refusal++ % 5) {
      case 0:
        scans.push({ input: elsewhere.ticketNo, expected: 'wrong-room' });
        break;
      case 1:
        scans.push({ input: candidate.ticketNo, expected: 'already-admitted' });
        break;
      case 2:
        scans.push({ input: misread(candidate.idNumber), expected: 'invalid-id' });
        break;
      case 3:
        scans.push({ input: '20261109999999', expected: 'not-on-roster' });
        break;
      default:
        if (next) scans.push({ input: next.ticketNo, expected: 'awaiting-id' }, { input: candidate.idNumber, expected: 'mismatch' });
    }
  }
  return scans;
}

/** How many scans of each verdict, for the bench's log line. */
export function verdictCounts(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
}
