// Roster import: parse + validate + commit a 10,000-row .xlsx, as the office's import does it
// (checkRosterFile in the renderer, then importRoster as an API call: JSON body, dispatchApiCall
// with the contract's zod parse, the commit on disk). Prints BENCH lines; never asserts.
import { openCoreHost } from '../../electron/core/core-host';
import { METHOD_BODY_LIMITS } from '../../electron/server/http-api';
import { checkRosterFile } from '../../shared/roster/check-roster';
import { FIXTURE_PLAN_FORM as plan } from '../support/fixture-day';
import { makeXlsx, residentId, ROSTER_HEADER, type Cell } from '../support/roster-files';
import { answerApiBody } from './api-call';
import { makeBenchDataDir } from './bench-data-dir';

const ROWS = 10_000;

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${value.toFixed(value < 10 ? 3 : 1)} ${unit}`);
}

// A certification-system export without seats (the import assigns them in snake order); the ID
// pattern repeats only after 21 000 rows, so all 10 000 are distinct.
const rows: Cell[][] = [ROSTER_HEADER.slice(0, 8)];
for (let i = 0; i < ROWS; i += 1) {
  const first17 = `110105${1970 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  rows.push([`考生${i}`, '', '居民身份证', residentId(first17), `2026${String(i).padStart(10, '0')}`, '保育师', i % 2 ? '三级' : '四级', String(Math.floor(i / 30) + 1)]);
}
const bytes = makeXlsx(rows);

const temp = makeBenchDataDir('import-');
try {
  const host = openCoreHost({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 7, 0) });
  const saved = answerApiBody(host.handlers, 'savePlan', JSON.stringify({ plan })).result;
  if (!saved.ok) throw new Error(saved.error.message);
  const started = performance.now();
  const checked = checkRosterFile(bytes, 'roster.xlsx', { plan: host.real.store.getPlan() });
  const parsedMs = performance.now() - started;
  if (!checked.ok) throw new Error(checked.message);
  const { validation } = checked;
  const rooms = validation.rooms.map((r) => ({ roomNo: r.roomNo, name: `第${Number(r.roomNo)}考场`, location: '', capacity: r.capacity }));
  const body = JSON.stringify({ rooms, candidates: validation.candidates });
  const limit = METHOD_BODY_LIMITS.importRoster ?? 0;
  if (Buffer.byteLength(body) > limit) throw new Error(`importRoster body of ${Buffer.byteLength(body)} bytes: over the server's ${limit}`);
  const imported = answerApiBody(host.handlers, 'importRoster', body).result;
  const totalMs = performance.now() - started;
  if (!imported.ok) throw new Error(imported.error.message);
  console.log(
    `# ${validation.rows.length} rows, ${validation.candidates.length} imported, ${validation.errorRowCount} with errors, ${(bytes.length / 1024).toFixed(0)} KB file, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KB request`,
  );
  bench('roster_import_10k_parse_validate_ms', parsedMs, 'ms');
  bench('roster_import_10k_ms', totalMs, 'ms');
  host.close();
} finally {
  temp.remove();
}
