import type { Db } from '../database';

export interface GroupCount {
  occupation: string;
  level: string;
  expected: number;
  admitted: number;
  inDoubt: number;
}

/** 应到, 实到 and open 存疑 per 职业·等级, one GROUP BY over the roster with its admissions and doubts. */
export function groupCounter(db: Db): () => GroupCount[] {
  const query = db.prepare(`
    SELECT json_extract(c.candidate, '$.occupation') AS occupation, json_extract(c.candidate, '$.level') AS level,
      COUNT(*) AS expected, COUNT(a.ticket_no) AS admitted, COUNT(d.ticket_no) AS inDoubt
    FROM proj_candidates c
    LEFT JOIN proj_admissions a ON a.ticket_no = c.ticket_no
    LEFT JOIN proj_doubts d ON d.ticket_no = c.ticket_no AND d.status = 'open'
    GROUP BY occupation, level
    ORDER BY occupation, level`);
  return () => query.all() as GroupCount[];
}
