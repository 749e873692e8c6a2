import type { Db } from '../database';

/** Expected (roster) and admitted counts per room, two GROUP BYs rather than a scan per room. */
export function roomCounter(db: Db): () => { expected: Map<string, number>; admitted: Map<string, number> } {
  const countAdmitted = db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_admissions GROUP BY room_no');
  const countExpected = db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_candidates GROUP BY room_no');
  const byRoom = (statement: typeof countAdmitted): Map<string, number> =>
    new Map((statement.all() as { room_no: string; n: number }[]).map((r) => [r.room_no, r.n]));
  return () => ({ expected: byRoom(countExpected), admitted: byRoom(countAdmitted) });
}
