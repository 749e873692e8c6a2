import { openCore, type Core } from '../../electron/core/core';
import { fixtureDayEvents, type FixtureDay } from './fixture-day';
import { makeTempDir } from './temp-dir';

export interface WriterAndReceiver {
  /** Holds `day` as its own events (the office). */
  writer: Core;
  /** Empty, a minute later on its clock (a door about to receive the writer's events). */
  receiver: Core;
  close(): void;
}

/** Two devices on folders of their own, for tests of one device taking in another's events. */
export function openWriterAndReceiver(day: FixtureDay): WriterAndReceiver {
  const temps = [makeTempDir(), makeTempDir()];
  const writer = openCore({ dataDir: temps[0]!.dir, now: () => new Date(2026, 10, 25, 7, 30) });
  writer.commit(fixtureDayEvents(day));
  const receiver = openCore({ dataDir: temps[1]!.dir, now: () => new Date(2026, 10, 25, 7, 31) });
  return {
    writer,
    receiver,
    close: () => {
      writer.close();
      receiver.close();
      for (const temp of temps) temp.remove();
    },
  };
}
