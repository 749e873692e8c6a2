import type { Db } from '../database';

/** Expected (roster), admitted and 存疑 counts per room, GROUP BYs rather than a scan per room. */
export function roomCounter(db: Db): () => {
  expected: Map<string, number>;
  admitted: Map<string, number>;
  inDoubt: Map<string, number>;
  doubtsConfirmed: Map<string, number>;
  impostors: Map<string, number>;
} {
  const countAdmitted = db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_admissions GROUP BY room_no');
  const countExpected = db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_candidates GROUP BY room_no');
  const countInDoubt = db.prepare(`SELECT room_no, COUNT(*) AS n FROM proj_doubts WHERE status = 'open' GROUP BY room_no`);
  const countConfirmed = db.prepare(`SELECT room_no, COUNT(*) AS n FROM proj_doubts WHERE status = 'confirmed' GROUP BY room_no`);
  const countImpostors = db.prepare(`SELECT room_no, COUNT(*) AS n FROM proj_reverify WHERE result = 'suspected-impostor' GROUP BY room_no`);
  const byRoom = (statement: typeof countAdmitted): Map<string, number> =>
    new Map((statement.all() as { room_no: string; n: number }[]).map((r) => [r.room_no, r.n]));
  return () => ({
    expected: byRoom(countExpected),
    admitted: byRoom(countAdmitted),
    inDoubt: byRoom(countInDoubt),
    doubtsConfirmed: byRoom(countConfirmed),
    impostors: byRoom(countImpostors),
  });
}
