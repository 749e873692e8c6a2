import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { copyDataDirAtVersion } from '../support/database-at-version';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { openRawDatabase } from '../support/raw-database';
import { runMigrations } from '../../electron/core/migrations/run-migrations';

const day = fixtureDay(30);
const gone = day.candidates[3]!;
const clock = () => new Date(2026, 10, 25, 8, 10);

/** A day where a candidate was withdrawn before withdrawals kept an ID number (version 16). */
describe('migration 0017 (the withdrawal keeps the ID number) on a day with a withdrawal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core | undefined;
  beforeEach(() => {
    temp = makeTempDir();
    const source = makeTempDir();
    const writer = openCore({ dataDir: source.dir, now: clock });
    writer.commit(fixtureDayEvents(day));
    expect(writer.handlers.withdrawCandidate({ ticketNo: gone.ticketNo, reason: '本人申请退考', actorStaffId: 'S001' })).toMatchObject({ ok: true });
    writer.close();
    copyDataDirAtVersion(source.dir, temp.dir, 16);
    source.remove();
  });
  afterEach(() => {
    core?.close();
    temp.remove();
  });

  const scan = (input: string) => {
    const answer = core!.handlers.checkIn({ roomNo: gone.roomNo, input, method: 'scanner', actorStaffId: 'P0002' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value.verdict;
  };
  const withdrawalRow = () => core!.db.prepare('SELECT id_number FROM proj_candidate_withdrawals WHERE ticket_no = ?').get(gone.ticketNo);

  it('adds the column and index; the old row, NULL after the migration, is refolded from the events on open', () => {
    const old = openRawDatabase(temp.dir, { readonly: true });
    expect(old.prepare("SELECT name FROM pragma_table_info('proj_candidate_withdrawals')").pluck().all()).toEqual(['ticket_no', 'withdrawal']);
    old.close();

    // The migration alone (what a crash between it and the refold would leave): the column, NULL.
    const migrated = openRawDatabase(temp.dir);
    runMigrations(migrated);
    expect(migrated.prepare('SELECT id_number FROM proj_candidate_withdrawals WHERE ticket_no = ?').get(gone.ticketNo)).toEqual({ id_number: null });
    expect(migrated.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'proj_candidate_withdrawals' AND sql IS NOT NULL").pluck().all()).toEqual(['proj_candidate_withdrawals_id_number']);
    migrated.close();

    // Opening refolds: the number is copied from the roster row the events rebuild, the card says 已退考.
    core = openCore({ dataDir: temp.dir, now: clock });
    expect(withdrawalRow()).toEqual({ id_number: gone.idNumber });
    expect(scan(gone.ticketNo)).toMatchObject({ kind: 'withdrawn' });
    expect(scan(gone.idNumber)).toMatchObject({ kind: 'withdrawn', candidate: { ticketNo: gone.ticketNo } });
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true, problems: [] });
    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});
